# The names, addresses and payment note a reimbursement report carries:
# what the Settings form (or a CLI flag) gave that the report cannot hold.
# $field is the field's id.

reimb-party-field = { $field ->
    [sender] your name and address
    [note] the payment note
   *[client] the client's address
}
reimb-party-field-start = { $field ->
    [sender] Your name and address
    [note] The payment note
   *[client] The client's address
}
reimb-party-too-many-lines = { reimb-party-field-start } has { $lines } lines; the report has room for { $max }
reimb-party-line-too-long = Line { $line } of { reimb-party-field } has { $chars } characters; the report has room for { $max } on a line
reimb-party-control = Line { $line } of { reimb-party-field } holds a control character; type plain text
reimb-party-no-client = Choose the client whose address this is
