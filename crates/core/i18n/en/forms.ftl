# The app's forms (budgets, granted credit, balance, cancellations): what was
# entered wrongly. $field is the field's id.

form-field = { $field ->
    [amount] the amount
    [balance] the balance
    [expiry] the expiry date
   *[date] the date
}
form-amount-empty = { form-field } is empty; enter an amount such as 12.34
form-amount-bad = { form-field } "{ $found }" is not an amount; write it with a point and no separators, such as 12.34
form-date-empty = { form-field } is empty; enter a date (YYYY-MM-DD)
form-date-bad = { form-field } "{ $found }" is not a date; expected YYYY-MM-DD
form-currency-bad = "{ $found }" is not a currency code; expected three letters such as USD or CNY
