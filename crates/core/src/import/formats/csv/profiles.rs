//! The bank CSV layouts that are data: one [`CsvProfile`] each, run by the
//! table engine ([`super::profile`]). Adding a bank layout is one entry
//! here, one line in [`crate::import::FORMATS`] and one fixture.
//!
//! Invariant: an entry is only data; each lists its cells in the order a
//! row is checked, which decides the error a row with several bad cells
//! reports.

use super::profile::{
    Account, Cell, CsvProfile, DateForm, Description, Empty, Field, HeaderAt, Num, Read, Sign,
    Statuses,
};
use crate::import::pipeline::format::DateOrder;
use crate::money::{Currency, DecimalMark};

const MDY: DateForm = DateForm::Order(DateOrder::Mdy);
const DMY: DateForm = DateForm::Order(DateOrder::Dmy);
const YMD: DateForm = DateForm::Order(DateOrder::Ymd);
const POINT: Num = Num::Mark(DecimalMark::Point);

/// A `Debit`/`Credit` pair of columns (US cards), one filled per line.
const DEBIT_CREDIT: Read = Read::DebitCredit {
    credit: "Credit",
    credit_label: "Credit",
    mark: DecimalMark::Point,
    zero_is_empty: false,
    both: "an empty Credit when Debit holds the amount (one of the two per line)",
};

/// Chase credit-card activity CSV.
///
/// `Card,Transaction Date,Post Date,Description,Category,Type,Amount,Memo`
/// (older exports have no `Card` column). Dates are MM/DD/YYYY; purchases and
/// fees are negative, payments and returns positive, already from the card
/// holder's view. The export holds posted lines only; amounts are USD.
pub static CHASE_CARD: CsvProfile = CsvProfile {
    id: "chase-card-csv",
    name: "Chase credit card CSV",
    header: "Card,Transaction Date,Post Date,Description,Category,Type,Amount,Memo",
    signature: &[
        "Transaction Date",
        "Post Date",
        "Description",
        "Category",
        "Type",
        "Amount",
    ],
    header_at: HeaderAt::First,
    ragged_end: false,
    account: Account::Ending("Chase card"),
    currency: Currency::USD,
    cells: &[
        Cell::new("Transaction Date", Read::Date(MDY)),
        Cell::new("Post Date", Read::PostedDate(MDY)),
        Cell::new("Amount", Read::Amount(Num::Plain, Sign::AsWritten)),
        Cell::new("Memo", Read::Text(Field::Memo, Empty::Nothing)),
        Cell::new("Card", Read::Text(Field::AccountHint, Empty::Nothing)),
        Cell::new("Description", Read::Text(Field::Description, Empty::Kept)),
        Cell::new("Category", Read::Text(Field::Category, Empty::Nothing)),
        Cell::new("Type", Read::Text(Field::SourceType, Empty::Nothing)),
    ],
    description: Description::Cell,
};

/// Chase checking (deposit account) activity CSV (`chase-checking-csv`).
///
/// `Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #`,
/// every data row ending with one more comma than the header. `Details` is
/// `DEBIT`, `CREDIT`, `CHECK` or `DSLIP` (a deposit slip) and is not read:
/// `Amount` is already signed from the holder's view. `Posting Date` is
/// MM/DD/YYYY; `Type` (`DEBIT_CARD`, `ACH_CREDIT`, `CHECK_PAID`...) is the
/// source type. `Balance` (sometimes a lone space) and the check number are
/// not kept. The file names no account: `Chase checking`; amounts are USD.
pub static CHASE_CHECKING: CsvProfile = CsvProfile {
    id: "chase-checking-csv",
    name: "Chase checking CSV",
    header: "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #",
    signature: &[
        "Details",
        "Posting Date",
        "Description",
        "Amount",
        "Type",
        "Balance",
    ],
    header_at: HeaderAt::First,
    ragged_end: true,
    account: Account::Ending("Chase checking"),
    currency: Currency::USD,
    cells: &[
        Cell::new("Posting Date", Read::Date(MDY)),
        Cell::new("Amount", Read::Amount(Num::Plain, Sign::AsWritten)),
        Cell::new("Description", Read::Text(Field::Description, Empty::Kept)),
        Cell::new("Type", Read::Text(Field::SourceType, Empty::Nothing)),
    ],
    description: Description::Cell,
};

/// Capital One credit-card transactions CSV (`capital-one-csv`).
///
/// `Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit`
/// (the layout since mid-2022). Dates are ISO `YYYY-MM-DD`. Amounts are
/// written positive in two columns: a purchase or fee in `Debit`, a payment
/// or refund in `Credit`, the other column empty. `Debit` becomes a negative
/// amount and `Credit` a positive one. `Card No.` holds the card's last four
/// digits, which name the default account (`Capital One card ending 4321`).
/// The export holds posted lines only; amounts are USD.
///
/// Detection: the whole header, `Card No.` and the `Debit`/`Credit` pair
/// included, which no other supported issuer writes.
pub static CAPITAL_ONE_CARD: CsvProfile = CsvProfile {
    id: "capital-one-csv",
    name: "Capital One card CSV",
    header: "Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit",
    signature: &[
        "Transaction Date",
        "Posted Date",
        "Card No.",
        "Description",
        "Category",
        "Debit",
        "Credit",
    ],
    header_at: HeaderAt::First,
    ragged_end: false,
    account: Account::Ending("Capital One card"),
    currency: Currency::USD,
    cells: &[
        Cell::new("Transaction Date", Read::Date(YMD)),
        Cell::new("Posted Date", Read::PostedDate(YMD)),
        Cell::new("Debit", DEBIT_CREDIT),
        Cell::new("Description", Read::Text(Field::Description, Empty::Kept)),
        Cell::new("Category", Read::Text(Field::Category, Empty::Nothing)),
        Cell::new("Card No.", Read::Text(Field::AccountHint, Empty::Nothing)),
    ],
    description: Description::Cell,
};

/// Citi credit-card activity CSV (`citi-csv`).
///
/// `Status,Date,Description,Debit,Credit` with an optional trailing
/// `Member Name` (cards with authorised users). Dates are MM/DD/YYYY.
/// `Status` is `Cleared` (posted) or `Pending` (pending); a declined or
/// cancelled line is kept as `reverted`, any other status is an error.
///
/// **Sign**: `Debit` is spending, written positive, and becomes negative.
/// `Credit` is money in (payments, refunds) and becomes positive whatever its
/// written sign: Citi writes payments there as negative numbers
/// (`,-1037.98`). One of the two is filled per line. The file names no card,
/// so the default account is `Citi card`; amounts are USD.
///
/// Detection: `Status` and `Date` next to the `Debit`/`Credit` pair.
pub static CITI_CARD: CsvProfile = CsvProfile {
    id: "citi-csv",
    name: "Citi card CSV",
    header: "Status,Date,Description,Debit,Credit",
    signature: &["Status", "Date", "Description", "Debit", "Credit"],
    header_at: HeaderAt::First,
    ragged_end: false,
    account: Account::Ending("Citi card"),
    currency: Currency::USD,
    cells: &[
        Cell::new(
            "Status",
            Read::Status(Statuses::Words {
                posted: &["cleared"],
                pending: &["pending"],
                reverted: &["declined", "cancelled", "canceled"],
                expected: "Cleared or Pending",
            }),
        ),
        Cell::new("Date", Read::Date(MDY)),
        Cell::new("Debit", DEBIT_CREDIT),
        Cell::new("Description", Read::Text(Field::Description, Empty::Kept)),
    ],
    description: Description::Cell,
};

/// Discover card activity CSV (`discover-csv`).
///
/// `Trans. Date,Post Date,Description,Amount,Category`, dates MM/DD/YYYY.
/// **Sign**: charges are positive and payments/credits negative in the file
/// (`INTERNET PAYMENT - THANK YOU,-250.00`, category `Payments and Credits`);
/// every amount is negated so spending is negative in the ledger. The file
/// names no card, so the default account is `Discover card`. Posted lines
/// only; amounts are USD.
///
/// Detection: `Trans. Date` (with its period) next to `Post Date`,
/// `Description`, `Amount` and `Category`: Discover's own spelling.
pub static DISCOVER_CARD: CsvProfile = CsvProfile {
    id: "discover-csv",
    name: "Discover card CSV",
    header: "Trans. Date,Post Date,Description,Amount,Category",
    signature: &[
        "Trans. Date",
        "Post Date",
        "Description",
        "Amount",
        "Category",
    ],
    header_at: HeaderAt::First,
    ragged_end: false,
    account: Account::Ending("Discover card"),
    currency: Currency::USD,
    cells: &[
        Cell::new("Trans. Date", Read::Date(MDY)),
        Cell::new("Post Date", Read::PostedDate(MDY)),
        Cell::new("Amount", Read::Amount(POINT, Sign::SpendingPositive)),
        Cell::new("Description", Read::Text(Field::Description, Empty::Kept)),
        Cell::new("Category", Read::Text(Field::Category, Empty::Nothing)),
    ],
    description: Description::Cell,
};

/// BMO (Bank of Montreal, Canada) credit-card transactions CSV
/// (`bmo-card-csv`).
///
/// The file starts with a preamble line `Following data is valid as of
/// 20260302094243:` and a blank line; the header follows on line 3:
/// `Item #,Card #,Transaction Date,Posting Date,Transaction Amount,Description`.
/// Dates are `YYYYMMDD` without separators. `Card #` is the full card number
/// wrapped in apostrophes (`'5191230000004321'`, so spreadsheets keep it as
/// text); its last four digits name the default account
/// (`BMO card ending 4321`). `Item #` only numbers the lines of this export
/// and is not an id. Amounts are CAD.
///
/// **Sign**: BMO writes purchases positive (`COSTCO WHOLESALE ...,85.06`) and
/// payments and refunds negative (`PAYMENT RECEIVED - THANK YOU,-500.00`);
/// the double-entry-generator example and its converter (a minus means money
/// in) agree. Every amount is negated so spending is negative in the ledger.
/// The export holds posted lines only.
///
/// Detection looks past the preamble: the head's text must hold the header
/// line itself. Line numbers in errors count the preamble lines.
pub static BMO_CARD: CsvProfile = CsvProfile {
    id: "bmo-card-csv",
    name: "BMO credit card CSV",
    header: "Item #,Card #,Transaction Date,Posting Date,Transaction Amount,Description",
    signature: &[
        "Item #",
        "Card #",
        "Transaction Date",
        "Posting Date",
        "Transaction Amount",
        "Description",
    ],
    header_at: HeaderAt::AfterPreamble {
        detect_within: 10,
        within: 20,
    },
    ragged_end: false,
    account: Account::Ending("BMO card"),
    currency: Currency::CAD,
    cells: &[
        Cell::new("Transaction Date", Read::Date(DateForm::Compact)),
        Cell::new("Posting Date", Read::PostedDate(DateForm::Compact)),
        Cell::new(
            "Transaction Amount",
            Read::Amount(POINT, Sign::SpendingPositive),
        ),
        Cell::new("Card #", Read::CardDigits),
        Cell::new("Description", Read::Text(Field::Description, Empty::Kept)),
    ],
    description: Description::Cell,
};

/// Barclays (UK) online banking CSV (`barclays-csv`).
///
/// `Number,Date,Account,Amount,Subcategory,Memo`, unquoted:
///
/// - `Number` is usually empty (or `0`, or a running count of the export):
///   not an id, not used.
/// - `Date` is DD/MM/YYYY, the booking date.
/// - `Account` is `sort-code account-number` (`20-00-00 12345678`); it names
///   the default account (`Barclays 20-00-00 12345678`, or `Barclays`).
/// - `Amount` is signed from the holder's view, in GBP.
/// - `Subcategory` is Barclays' kind of payment (`PAYMENT`, `DIRECTDEP`,
///   `Debit`, `Direct Debit`, `Counter Credit`...), kept as the source type.
/// - The payee is inside `Memo`, in padded fixed-width parts:
///   `NETFLIX.COM         ON 02 AUG          BCC` is payee, `ON` + the day the
///   card was used, and a two-to-three-letter transaction code (`BCC`, `CPM`,
///   `BGC`, `DDR`...). The description is the memo with the spaces folded,
///   the trailing code and the `ON dd MMM` part taken off (`NETFLIX.COM`);
///   the memo keeps the full text as written.
pub static BARCLAYS: CsvProfile = CsvProfile {
    id: "barclays-csv",
    name: "Barclays CSV",
    header: "Number,Date,Account,Amount,Subcategory,Memo",
    signature: &["Number", "Date", "Account", "Amount", "Subcategory", "Memo"],
    header_at: HeaderAt::First,
    ragged_end: false,
    account: Account::Named("Barclays"),
    currency: Currency::GBP,
    cells: &[
        Cell::new("Date", Read::Date(DMY)),
        Cell::new("Amount", Read::Amount(POINT, Sign::AsWritten)),
        Cell::new("Memo", Read::Text(Field::Memo, Empty::Nothing)),
        Cell::new("Subcategory", Read::Text(Field::SourceType, Empty::Nothing)),
        Cell::new("Account", Read::Text(Field::AccountHint, Empty::Nothing)),
    ],
    description: Description::PayeeFromMemo,
};

/// Monzo transactions CSV (`monzo-csv`).
///
/// The full export is
/// `Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In,Balance,Balance currency`;
/// older and business exports drop some columns (`Category split`,
/// `Balance`, `Balance currency`, sometimes `Local amount`), so columns are
/// picked by name and only `Transaction ID`, `Date`, `Name`, `Emoji` and
/// `Amount` are required (`Emoji` is what tells a Monzo file apart).
///
/// - `Transaction ID` (`tx_0000…`, `mm_0000…` in newer exports) is the
///   source id, so a re-import adds nothing.
/// - `Date` is DD/MM/YYYY in UK local time; `Time` is not used (it is local,
///   not UTC).
/// - `Amount` is signed in `Currency` (the account's, GBP): money out
///   negative. `Money Out` / `Money In` repeat it and are not read.
/// - A card payment abroad has `Local amount` / `Local currency` in the
///   merchant's currency, with the same sign (`-7.44,GBP,-9.98,USD`). When
///   the local currency differs from `Currency` they become the original
///   amount and currency. The FX rate is left empty: the file gives none, and
///   the ledger does not fix a direction for an implied one; it can be
///   derived from the two amounts.
/// - `Name` is Monzo's clean merchant name: the line's description and its
///   `details.merchant` (the raw card descriptor in `Description` stands in
///   as the description when it is empty). The raw `Description`
///   (`CLAUDE.AI SUBSCRIPTION ANTHROPIC.COM USA`) is `details.descriptor`,
///   so the classifier reads both; `Category` is the category; the user's
///   `Notes and #tags` are the memo.
/// - The export lists settled lines only: every line is posted.
pub static MONZO: CsvProfile = CsvProfile {
    id: "monzo-csv",
    name: "Monzo CSV",
    header: "Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In,Balance,Balance currency",
    signature: &["Transaction ID", "Date", "Name", "Emoji", "Amount"],
    header_at: HeaderAt::First,
    ragged_end: false,
    account: Account::Fixed("Monzo"),
    currency: Currency::GBP,
    cells: &[
        Cell::new("Transaction ID", Read::Text(Field::SourceId, Empty::Refused)),
        Cell::new("Date", Read::Date(DMY)),
        Cell::new("Amount", Read::Amount(POINT, Sign::AsWritten)),
        Cell::new(
            "Currency",
            Read::Currency {
                empty_is_default: true,
                fold_case: false,
            },
        ),
        Cell::new(
            "Local currency",
            Read::Original {
                amount: "Local amount",
                amount_label: "Local amount",
            },
        ),
        Cell::new("Description", Read::Text(Field::Descriptor, Empty::Kept)),
        Cell::new("Name", Read::Text(Field::Merchant, Empty::Kept)),
        Cell::new("Category", Read::Text(Field::Category, Empty::Nothing)),
        Cell::new("Type", Read::Text(Field::SourceType, Empty::Nothing)),
        Cell::new("Notes and #tags", Read::Text(Field::Memo, Empty::Nothing)),
    ],
    description: Description::MerchantElseDescriptor,
};

/// HSBC Hong Kong credit card CSV (`hsbc-hk-card-csv`).
///
/// `Transaction date,Post date,Description,Billing amount,Billing currency,Transaction status,Merchant name,Country / region,Area / district,Credit / Debit`
/// (the card export of HSBC HK online banking):
///
/// - Dates are DD/MM/YYYY; `Transaction date` is the line's `date`,
///   `Post date` its `posted_date` (may be empty while pending).
/// - `Billing amount` is quoted, with thousands commas, and followed by one
///   or two TABs *outside* the quotes (`"-1,099.14"\t,CNY`); the TABs are
///   trimmed. Purchases are written negative, payments and returns positive.
/// - `Credit / Debit` (`DEBIT` / `CREDIT`) says the direction too, and decides
///   it: a `DEBIT` line is money out (negative), a `CREDIT` line money in
///   (positive), whatever sign the amount carries; an empty cell leaves the
///   amount's own sign. It is kept as the source type. The last cell may
///   carry a trailing space (`DEBIT `).
/// - `Billing currency` is per line (a dual-currency card bills HKD and CNY
///   lines in one file); there is no original (foreign) amount column.
/// - `Transaction status` `POSTED` → posted, `PENDING` → pending;
///   `DECLINED`, `REVERSED` and `CANCELLED` (not seen in public samples) →
///   reverted, kept.
/// - `Description` is kept as written (padded: `SALES:   MCDONALDS   CHN   CN`);
///   `Merchant name` is the line's clean merchant name (`details.merchant`).
///   No id column.
pub static HSBC_HK_CARD: CsvProfile = CsvProfile {
    id: "hsbc-hk-card-csv",
    name: "HSBC HK credit card CSV",
    header: "Transaction date,Post date,Description,Billing amount,Billing currency,Transaction status,Merchant name,Country / region,Area / district,Credit / Debit",
    signature: &[
        "Transaction date",
        "Post date",
        "Description",
        "Billing amount",
        "Billing currency",
        "Transaction status",
        "Credit / Debit",
    ],
    header_at: HeaderAt::First,
    ragged_end: false,
    account: Account::Fixed("HSBC HK card"),
    currency: Currency::USD,
    cells: &[
        Cell::new("Transaction date", Read::Date(DMY)),
        Cell::new("Post date", Read::PostedDate(DMY)),
        Cell::new("Billing amount", Read::Amount(POINT, Sign::AsWritten)),
        Cell::new(
            "Credit / Debit",
            Read::Direction {
                debit: "DEBIT",
                credit: "CREDIT",
                expected: "DEBIT or CREDIT",
            },
        ),
        Cell::new(
            "Transaction status",
            Read::Status(Statuses::Words {
                posted: &["POSTED"],
                pending: &["PENDING"],
                reverted: &["DECLINED", "REVERSED", "CANCELLED"],
                expected: "POSTED or PENDING",
            }),
        ),
        Cell::new(
            "Billing currency",
            Read::Currency {
                empty_is_default: false,
                fold_case: false,
            },
        ),
        Cell::new("Description", Read::Text(Field::Description, Empty::Kept)),
        Cell::new("Merchant name", Read::Text(Field::Merchant, Empty::Nothing)),
    ],
    description: Description::Cell,
};
