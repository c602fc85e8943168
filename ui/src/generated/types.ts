// Generated from the Rust types in crates/core (ts-rs); do not edit.
// Regenerate: AISPEND_WRITE_BINDINGS=1 cargo test -p aispend-core bindings

/** An exact decimal amount, as text; negative is money spent. */
export type Money = string;

export type ErrorCode = "newer-ledger" | "not-a-ledger" | "ledger-open" | "not-a-backup" | "not-found" | "already-undone" | "bad-rule" | "backup" | "ledger" | "bad-period" | "bad-currency" | "bad-date" | "sample" | "unknown-format" | "ambiguous-date-order" | "bad-input" | "unreadable-file" | "bad-mapping" | "unknown-file" | "internal" | "no-data-dir" | "keychain" | "bad-key" | "no-key" | "cancelled" | "sync-refused" | "sync" | "bad-provider" | "bad-answer" | "link" | "bad-file" | "no-data-folder" | "attachment-changed" | "write" | "case" | "export" | "ui";

export type AppError = { code: ErrorCode, message: string, 
/**
 * The error as a message of the catalogs, where the core has one for
 * it: what a front end shows, in the user's language (`message` is
 * the English text with its causes, for logs).
 */
msg: Msg | null, };

export type ProviderId = "openai" | "anthropic" | "google" | "cursor" | "github" | "openrouter";

export type LedgerOverview = { path: string, 
/**
 * The folder holding the ledger (and its backups).
 */
data_folder: string, transactions: number, schema_version: number, 
/**
 * The removable sample dataset is in the ledger.
 */
sample_loaded: boolean, 
/**
 * The currency the dashboard shows; `None` for an empty ledger.
 */
currency: string | null, };

export type Settings = { ledger_path: string, data_folder: string, 
/**
 * The display currency: the one the user chose, else the ledger's main one.
 */
currency: string | null, 
/**
 * The user chose `currency` (it is not just the ledger's main one).
 */
currency_chosen: boolean, accounts: Array<AccountInfo>, };

export type AccountInfo = { name: string, lines: number, first_date: string | null, last_date: string | null, };

export type TxnStatus = "posted" | "pending" | "reverted";

export type Field = "description" | "merchant" | "descriptor" | "goods" | "memo" | "category" | "mcc" | "type";

export type LineDetails = { merchant?: string, descriptor?: string, goods?: string, memo?: string, category?: string, mcc?: string, 
/**
 * The statement's own type (`Card Payment`, `Sale`).
 */
type?: string, };

export type MatchHow = "pattern" | "name" | "type";

export type PriceBy = "amount" | "original" | "fx";

export type DecidedBy = { 
/**
 * `catalog`, `rule:<id>`, `default`, `edit`, or `refund:<purchase
 * id>` for a refund that takes its purchase's class.
 */
source: string, 
/**
 * The catalog entry (`openai/chatgpt`).
 */
entry?: string, 
/**
 * The field whose text decided.
 */
field?: Field, 
/**
 * How the entry matched.
 */
match?: MatchHow, 
/**
 * What matched: the pattern, the vendor name or the type.
 */
text?: string, 
/**
 * The plan price the line is at (`USD 20.00`).
 */
price?: string, 
/**
 * How the line is at it: its `amount`, its `original` amount, or its
 * amount at a USD price converted at a plausible rate (`fx`).
 */
price_by?: PriceBy, };

export type TxnRow = { id: number, 
/**
 * The local calendar date written on the statement.
 */
date: string, posted_date: string | null, description: string, amount: string, currency: Currency, original_amount: string | null, original_currency: Currency | null, 
/**
 * The user's edit, else a rule's, else the catalog's; `None` for a
 * line not classified yet.
 */
class: Class | null, vendor: string | null, product: string | null, 
/**
 * Who decided the class: `edit`, `rule:<id>`, `catalog` or `default`.
 */
class_source: string | null, 
/**
 * Why an unfamiliar line deserves a look (it stays `everyday` meanwhile).
 */
review: string | null, account: string, status: TxnStatus, tags: Array<string>, note: string | null, category: string | null, memo: string | null, batch_id: number, 
/**
 * Every descriptive field the bank gave, by name (only those it gave):
 * `merchant`, `descriptor`, `goods`, `memo`, `category`, `mcc`, `type`.
 */
details: LineDetails, 
/**
 * Which field and which rule or catalog entry (and price) decided the
 * class; `None` for a line not classified yet.
 */
decided_by: DecidedBy | null, };

export type TxnQuery = { from: string | null, to: string | null, account: string | null, 
/**
 * The effective class.
 */
class: Class | null, 
/**
 * The effective vendor id (`openai`, ...).
 */
vendor: string | null, status: TxnStatus | null, 
/**
 * Words the description, memo or one of the line's other fields
 * (merchant, descriptor, goods, mcc) contains, case-insensitively.
 */
text: string | null, 
/**
 * Exactly these lines (by id), within the other filters: the lines
 * behind an alert or a figure. `Some(vec![])` matches nothing.
 */
ids?: Array<number>, };

export type TxnCursor = { date: string, id: number, };

export type TxnJump = { position: number, cursor: TxnCursor | null, };

export type TxnPage = { rows: Array<TxnRow>, next: TxnCursor | null, };

export type TxnFacets = { accounts: Array<string>, 
/**
 * The vendor ids the ledger's lines have.
 */
vendors: Array<string>, 
/**
 * The effective classes the ledger's lines have, by id.
 */
classes: Array<Class>, 
/**
 * The name to show for a vendor id (`openai` -> `OpenAI`): every vendor
 * of the catalog, and each id of `vendors` (its own id when the catalog
 * does not know it).
 */
vendor_names: { [key in string]?: string }, };

export type TxnEditInput = { class: Class | null, vendor: string | null, tags: Array<string> | null, note: string | null, };

export type Class = "ai-subscription" | "ai-api" | "everyday" | "transfer";

export type MatchField = "description" | "merchant" | "descriptor" | "goods" | "memo" | "category" | "mcc" | "any";

export type MatchKind = "contains" | "regex";

export type NewRule = { field: MatchField, kind: MatchKind, pattern: string, 
/**
 * Smallest amount (its size: 10 matches -10 and 10), inclusive.
 */
min_amount: string | null, 
/**
 * Largest amount (its size), inclusive.
 */
max_amount: string | null, account: string | null, currency: string | null, class: Class, vendor: string | null, product: string | null, tags: Array<string>, 
/**
 * Higher runs first.
 */
priority: number, };

export type Rule = { id: number, 
/**
 * UTC instant, RFC 3339.
 */
created_at: string, enabled: boolean, 
/**
 * The line this rule was made from, if any.
 */
from_txn: number | null, field: MatchField, kind: MatchKind, pattern: string, 
/**
 * Smallest amount (its size: 10 matches -10 and 10), inclusive.
 */
min_amount: string | null, 
/**
 * Largest amount (its size), inclusive.
 */
max_amount: string | null, account: string | null, currency: string | null, class: Class, vendor: string | null, product: string | null, tags: Array<string>, 
/**
 * Higher runs first.
 */
priority: number, };

export type RuleFromTxn = { rule: Rule, 
/**
 * Lines whose class, vendor, product or tags changed.
 */
reclassified: number, };

export type ClassAmount = { class: Class, 
/**
 * Positive.
 */
spent: string, count: number, };

export type TrendMonth = { 
/**
 * `YYYY-MM`, local.
 */
month: string, ai_subscription: string, ai_api: string, everyday: string, };

export type VendorAmount = { vendor: string, 
/**
 * The catalog's name for it (`OpenAI`), else its id.
 */
name: string, spent: string, count: number, };

export type Renewal = { vendor: string, product: string | null, next_renewal: string, 
/**
 * The latest price, positive.
 */
amount: string, currency: string, cadence: Cadence, };

export type Dashboard = { as_of: string, 
/**
 * `YYYY-MM`: the month `this_month` covers.
 */
month: string, 
/**
 * The display currency; `None` for an empty ledger.
 */
currency: string | null, 
/**
 * The classes the month's cards show, in order (every class but
 * transfers, which move money rather than spend it).
 */
classes: Array<Class>, 
/**
 * Every class, in the order ai-subscription, ai-api, everyday.
 */
this_month: Array<ClassAmount>, 
/**
 * 12 months, oldest first, ending with this month.
 */
trend: Array<TrendMonth>, 
/**
 * AI spending over all spending this month (0..1, 4 places).
 */
ai_share: string | null, 
/**
 * The 5 vendors spent most with over the 12 months.
 */
top_vendors: Array<VendorAmount>, 
/**
 * Renewals within 30 days of `as_of`, soonest first (every currency).
 */
renewals: Array<Renewal>, 
/**
 * Currencies other lines are billed in (not in these figures).
 */
other_currencies: Array<string>, 
/**
 * Pending lines (all currencies), not in the figures.
 */
pending_count: number, };

export type Cadence = "weekly" | "monthly" | "annual";

export type SubStatus = "active" | "lapsed";

export type SubSource = "ledger" | "manual";

export type Subscription = { vendor: string, product: string | null, cadence: Cadence, 
/**
 * The latest charge (or the manual price), negative: spending.
 */
amount: string, currency: Currency, 
/**
 * What the merchant charged in its own currency, where the line says.
 */
original_amount: string | null, original_currency: Currency | null, first_charge: string | null, last_charge: string | null, next_renewal: string | null, annual_cost: string, status: SubStatus, 
/**
 * The price (in the plan's currency) changed beyond the tolerance.
 */
price_change: boolean, 
/**
 * The price before the latest change, negative, in `previous_currency`.
 */
previous_amount: string | null, previous_currency: Currency | null, price_changed_on: string | null, 
/**
 * The first charge was 0 or small, full-price charges followed.
 */
trial_to_paid: boolean, 
/**
 * Charges found (0 for a manual entry).
 */
charges: number, 
/**
 * Detected in the ledger, or entered by hand.
 */
source: SubSource, 
/**
 * The manual entry's id (`subs remove ID`).
 */
id: number | null, };

export type PickedFile = { token: string, 
/**
 * The file's name (never its folder).
 */
name: string, size: number, };

export type FilesDropped = { files: Array<PickedFile>, x: number | null, y: number | null, };

export type PreviewLine = { 
/**
 * The physical line of the file.
 */
line: number, date: string, description: string, amount: string, currency: string, original_amount: string | null, original_currency: string | null, status: TxnStatus, };

export type DuplicateOf = { "kind": "ledger", txn: TxnRow, } | { "kind": "earlier_line", line: number, } | { "kind": "unknown" };

export type PreviewDuplicate = { line: PreviewLine, of: DuplicateOf, };

export type RejectDto = { 
/**
 * The physical line of the file.
 */
line: number, reason: string, 
/**
 * The reason as a message of the catalogs (file, line, field).
 */
msg: Msg | null, };

export type ImportOptionsInput = { 
/**
 * The account every line goes to (default: the statement's own).
 */
account: string | null, 
/**
 * A format id, to skip detection.
 */
format: string | null, 
/**
 * The column mapping the mapping step made (typed: a header holding
 * a comma is one column).
 */
mapping: ColumnMapping | null, 
/**
 * The name the mapping is saved under.
 */
profile: string | null, 
/**
 * The physical line of a mapped CSV's header, where the user picks it.
 */
header_line: number | null, 
/**
 * The currency of a file that does not say its own (ISO 4217 code);
 * without it such a file is read as USD and its preview says so.
 */
currency: string | null, 
/**
 * Leave out rows that cannot be read (CSV files), listing each with
 * its line and reason, instead of refusing the whole file.
 */
skip_bad_rows: boolean, };

export type MapRole = "date" | "description" | "amount" | "debit" | "credit" | "currency" | "status" | "id" | "memo" | "category" | "merchant" | "descriptor" | "goods";

export type MappedColumn = { role: MapRole, 
/**
 * The column's header exactly as the file has it (commas and quotes
 * included: nothing is parsed out of it).
 */
column: string, };

export type ColumnMapping = { columns: Array<MappedColumn>, };

export type MappingCheck = { valid: boolean, 
/**
 * What to map still: `date`, `description`, and `amount` (or `debit`,
 * with `credit` when the file has one).
 */
missing: Array<MapRole>, };

export type MappingNeeded = { header: Array<string>, sample: Array<Array<string>>, suggested_profile: string, 
/**
 * The roles a mapping may give, in the order shown.
 */
fields: Array<MapRole>, 
/**
 * The physical line the header was read from: a bank's preamble above
 * it is skipped; the step lets the user pick another line.
 */
header_line: number, };

export type NoticeDto = { 
/**
 * A stable id: `assumed_currency`, `skipped_lines`, `skipped_preamble`, ...
 */
code: string, 
/**
 * The first few physical lines it concerns.
 */
lines: Array<number>, count: number, message: string, 
/**
 * The message of the catalogs, where there is one: what the UI shows.
 */
msg: Msg | null, };

export type FilePreview = { token: string, name: string, format: string | null, account: string | null, added: number, duplicates: number, rejected: number, error: AppError | null, 
/**
 * Set when the file is a CSV that needs its columns named.
 */
mapping: MappingNeeded | null, 
/**
 * What the summary names beyond the counts (an assumed currency,
 * skipped lines, a preamble passed over).
 */
notices: Array<NoticeDto>, 
/**
 * The first [`PREVIEW_ROWS`] lines the import would add.
 */
lines: Array<PreviewLine>, 
/**
 * The first [`PREVIEW_ROWS`] lines it would skip, each with the line
 * it duplicates.
 */
duplicate_lines: Array<PreviewDuplicate>, 
/**
 * Every row it would leave out (with "leave out unreadable rows").
 */
rejects: Array<RejectDto>, 
/**
 * A mail file or folder: the receipts it holds, and the messages it
 * skips or cannot trust, each with why.
 */
receipts: ReceiptCounts | null, };

export type Unrecognised = { 
/**
 * The physical line the message starts on (1 for a file of its own).
 */
line: number, file: string, sender: string, subject: string, 
/**
 * Why, in English (`reason_msg` rendered, for logs and scripts).
 */
reason: string, 
/**
 * Why, as a message to render in the user's language.
 */
reason_msg: Msg, };

export type ReceiptCounts = { 
/**
 * Receipts read and trusted (new ones; duplicates are counted apart).
 */
recognised: number, 
/**
 * Of those, matched to a card line.
 */
matched: number, 
/**
 * Of those, with no card line yet.
 */
unmatched: number, 
/**
 * Ordinary mail, and messages that could not be read.
 */
skipped_messages: number, 
/**
 * Receipt-like messages not recorded, each with why.
 */
unrecognised: Array<Unrecognised>, };

export type FileImported = { token: string, name: string, format: string | null, account: string | null, batch_id: number | null, added: number, duplicates: number, rejected: number, error: AppError | null, notices: Array<NoticeDto>, 
/**
 * A mail import's receipts: recognised, matched, skipped, unrecognised.
 */
receipts: ReceiptCounts | null, };

export type ImportProgress = { token: string, name: string, rows: number, bytes: number, total_bytes: number, };

export type BatchStatus = "imported" | "undone";

export type BatchInfo = { batch_id: number, file: string, sha256: string, format: string, account: string, 
/**
 * UTC instant, RFC 3339.
 */
imported_at: string, added: number, duplicates: number, rejected: number, status: BatchStatus, undone_at: string | null, };

export type Currency = string;

export type RunResult = "ok" | "failed" | "cancelled";

export type EndpointStatus = { endpoint: string, synced_through: string | null, last_run_at: string | null, 
/**
 * How the last run ended; `None` before the first run.
 */
last_result: RunResult | null, };

export type ProviderSync = { provider: ProviderId, name: string, 
/**
 * What a key of this provider looks like (`sk-admin-...`).
 */
key_hint: string, key_stored: boolean, 
/**
 * Why the keychain could not be asked (the key status is unknown).
 */
keychain_error: string | null, endpoints: Array<EndpointStatus>, };

export type SyncStage = "fetching" | "waiting" | "importing" | "done";

export type SyncProgressEvent = { provider: ProviderId, endpoint: string, stage: SyncStage, 
/**
 * Pages fetched or being fetched.
 */
page: number | null, 
/**
 * Before a retry: the HTTP status the provider answered.
 */
status: number | null, delay_ms: number | null, added: number | null, };

export type EndpointSynced = { provider: ProviderId, endpoint: string, from: string, to: string, pages: number, batch_id: number | null, added: number, duplicates: number, };

export type SyncRun = { synced: Array<EndpointSynced>, error: AppError | null, };

export type CaseStatus = "open" | "closed";

export type CaseListItem = { id: number, 
/**
 * The title in English (what the user typed, as typed).
 */
title: string, 
/**
 * A title the app wrote (no title was given), for the user's language.
 */
title_msg: Msg | null, provider: ProviderId, status: CaseStatus, created_at: string, updated_at: string, };

export type RowKind = "txn" | "payment";

export type PaymentStatus = "succeeded" | "failed" | "refunded" | "pending";

export type RowStatus = TxnStatus | PaymentStatus;

export type LedgerRowRef = { kind: RowKind, id: number, 
/**
 * YYYY-MM-DD: the statement's local date, or the payment's date.
 */
date: string, description: string, 
/**
 * Exact decimal; negative is money spent.
 */
amount: string, currency: string, 
/**
 * A card line's `posted`/`pending`/`reverted`; a payment's
 * `succeeded`/`failed`/...
 */
status: RowStatus, account: string | null, };

export type Origin = "user" | "ledger" | "clock";

export type AnswerKind = "choice" | "yes_no" | "decimal" | "currency" | "instant" | "count" | "text" | "paste";

export type Question = { 
/**
 * The fact's id (SPEC §7.1), or a case detail (`card_last4`,
 * `receipt_number`). Text, not `FactName`: the checklist holds more
 * than the facts, and `case_answer` takes the id back as text.
 */
fact: string, kind: AnswerKind, 
/**
 * The question, for the user.
 */
text: Msg, 
/**
 * The ids to choose from (`Choice`).
 */
choices: Array<string>, 
/**
 * The words for each of `choices`, in the same order.
 */
choice_labels: Array<Msg>, 
/**
 * The current answer as text; `None` when unknown.
 */
answer: string | null, 
/**
 * Who gave the answer (`user` or `ledger`); `None` when unknown.
 */
source: Origin | null, 
/**
 * The ledger rows the answer came from (or agrees with).
 */
rows: Array<LedgerRowRef>, 
/**
 * What the ledger shows where it disagrees with the user's answer.
 */
ledger_value: string | null, 
/**
 * Whether an answer would change the diagnosis or the first contact.
 */
matters: boolean, };

export type FactName = "provider" | "amount" | "currency" | "paid_at" | "now" | "bank_status" | "platform_payment_record" | "payment_error" | "card_kind" | "balance_before" | "balance_after" | "used_since_payment" | "topup_org" | "key_org" | "topup_project" | "key_project" | "can_view_billing" | "auto_recharge" | "api_error" | "recognized_charge" | "charges_seen" | "api_key_billed";

export type DiagnosisCode = "unauthorized_charge" | "duplicate_charge_risk" | "wrong_organization" | "negative_balance_offset" | "balance_update_delay" | "bank_authorization_only" | "payment_succeeded_not_credited" | "payment_3ds_failed" | "card_declined" | "billing_address_mismatch" | "prepaid_card_not_supported" | "unsupported_region" | "verification_page_blocked" | "auto_recharge_limit_reached" | "billing_permission_missing" | "quota_exhausted" | "not_billing_rate_limit" | "not_billing_model_access" | "not_billing_invalid_key" | "accidental_api_billing";

export type Contact = "wait" | "issuing_bank" | "openai_support" | "org_owner" | "provider_and_bank" | "none";

export type DoNot = "pay_again" | "chargeback";

export type FindingDto = { code: DiagnosisCode, 
/**
 * 0-100, a ranking score.
 */
confidence: number, 
/**
 * The title of the cause.
 */
title: Msg, 
/**
 * As stored (English); show `explanation_msg` where there is one.
 */
explanation: string, 
/**
 * Why the facts point here; `None` for a diagnosis stored before its
 * texts were messages.
 */
explanation_msg: Msg | null, };

export type DiagnosisDto = { computed_at: string, findings: Array<FindingDto>, first_contact: Contact, 
/**
 * Whom to contact, in words, and why.
 */
first_contact_msg: Msg, first_contact_hint: Msg, do_not: Array<DoNot>, 
/**
 * What not to do and why, one per `do_not`.
 */
do_not_msgs: Array<Msg>, 
/**
 * Unanswered facts whose answers would change the result, most useful first.
 */
missing: Array<FactName>, 
/**
 * As stored (English); show `next_steps_msg` where there is one.
 */
next_steps: Array<string>, next_steps_msg: Array<Msg> | null, };

export type AttachmentDto = { id: number, name: string, stored_name: string, media_type: string, size: number, 
/**
 * SHA-256 of the stored copy (what the pack holds).
 */
sha256: string, captured_at: string, 
/**
 * Whether metadata (EXIF, GPS, text chunks) was removed from the copy.
 */
metadata_removed: boolean, 
/**
 * Whether [`case_thumbnail`] has an image for it.
 */
has_thumbnail: boolean, };

export type NoteDto = { id: number, text: string, 
/**
 * UTC instant, RFC 3339.
 */
created_at: string, };

export type CaseDto = { id: number, title: string, 
/**
 * A title the app wrote, for the user's language (`title` is English).
 */
title_msg: Msg | null, provider: ProviderId, status: CaseStatus, created_at: string, updated_at: string, questions: Array<Question>, 
/**
 * The question to ask now; `None` when no answer would change the result.
 */
next_question: FactName | null, diagnosis: DiagnosisDto | null, 
/**
 * The ledger rows linked to the case.
 */
rows: Array<LedgerRowRef>, attachments: Array<AttachmentDto>, 
/**
 * The user's notes, oldest first.
 */
notes: Array<NoteDto>, 
/**
 * The drafted message to the first contact, redacted as in the pack.
 */
message: string, 
/**
 * The drafted message for a reader of each language the app speaks
 * (the text to send, and the same in the reader's language to check).
 */
drafts: Array<Draft>, };

export type LinkCandidates = { txns: Array<LedgerRowRef>, payments: Array<LedgerRowRef>, };

export type LineBatch = { id: number, 
/**
 * The file's name as imported.
 */
file: string, 
/**
 * The format id (`chase-card`, `ofx`, ...).
 */
format: string, 
/**
 * UTC instant, RFC 3339.
 */
imported_at: string, undone: boolean, };

export type LineReceipt = { id: number, 
/**
 * The file's name as the user had it.
 */
file_name: string, 
/**
 * By the name's extension: `application/pdf`, `image/png`, ...
 */
media_type: string, size: number, sha256: string, 
/**
 * UTC instant, RFC 3339.
 */
attached_at: string, 
/**
 * Whether [`receipt_thumbnail`] has an image for it.
 */
has_thumbnail: boolean, };

export type LineCaseRef = { id: number, 
/**
 * The title as stored (English for a title the app wrote).
 */
title: string, 
/**
 * A title the app wrote, as a message for the user's language.
 */
title_msg: Msg | null, status: CaseStatus, };

export type RefundRole = "refund_of" | "refunded_by";

export type LineRefund = { role: RefundRole, 
/**
 * The other line.
 */
other: TxnRow, 
/**
 * How the pair was found: `order id` or `counterparty and amount`.
 */
matched_by: string, };

export type LineDetail = { 
/**
 * The line as the list shows it, with `details` (every descriptive
 * field the statement gave) and `decided_by` (which rule or catalog
 * entry decided the class).
 */
row: TxnRow, 
/**
 * Units of the line's currency per unit of the original currency
 * (exact decimal, at most 6 places); `None` without an original amount.
 */
rate: string | null, batch: LineBatch | null, receipts: Array<LineReceipt>, cases: Array<LineCaseRef>, refunds: Array<LineRefund>, };

export type PackFileDto = { path: string, size: number, };

export type RedactionKind = "card" | "api_key" | "email";

export type RedactionDto = { file: string, kind: RedactionKind, hint: string, replacement: string, line: number | null, };

export type PackPreview = { files: Array<PackFileDto>, redactions: Array<RedactionDto>, 
/**
 * The pack's `summary.md`, redacted.
 */
summary: string, };

export type PackExported = { path: string, sha256: string, size: number, files: number, };

export type FlagKind = "charged_not_credited" | "record_without_charge" | "double_charge" | "stale_pending" | "negative_balance_offset";

export type FlagDto = { 
/**
 * Names this flag for [`case_from_flag`].
 */
key: string, kind: FlagKind, provider: ProviderId, date: string, amount: string, currency: string, 
/**
 * What was found, in words (the core's English text).
 */
message: string, 
/**
 * The message of the catalogs: what the UI shows, in its language.
 */
msg: Msg, rows: Array<LedgerRowRef>, 
/**
 * The newest open case already linked to one of these rows.
 */
case_id: number | null, };

export type ReconView = { as_of: string, 
/**
 * API top-up card lines considered.
 */
card_lines: number, 
/**
 * Provider payment records considered.
 */
payments: number, 
/**
 * Card lines matched to a payment record.
 */
matched: number, flags: Array<FlagDto>, 
/**
 * What limits the result (the core's English text).
 */
notes: Array<string>, 
/**
 * The notes as messages of the catalogs: what the UI shows.
 */
note_msgs: Array<Msg>, };

export type TagTarget = { ids: Array<number> | null, query: TxnQuery | null, };

export type TagResult = { 
/**
 * The tag as stored (`client:Acme`).
 */
tag: string, selected: number, changed: number, 
/**
 * The client the tag names (`Acme` for `client:Acme`), if it names one.
 */
client: string | null, };

export type TagName = { 
/**
 * The name after the prefix, as the first tag writes it.
 */
name: string, 
/**
 * Lines carrying the tag.
 */
lines: number, };

export type ReimburseTags = { clients: Array<TagName>, projects: Array<TagName>, };

export type ReimburseRequest = { client: string, from: string, to: string, 
/**
 * The report currency; `None` is USD, as in the CLI.
 */
currency: string | null, 
/**
 * `CUR=RATE` (one CUR is RATE report units), as `--rate` takes them.
 */
rates: Array<string>, 
/**
 * Show the lines already marked reimbursed (with their date).
 */
include_reimbursed: boolean, };

export type ConversionKind = "same" | "original" | "rate" | "missing";

export type ReimburseLine = { number: number, txn_id: number, date: string, vendor: string, description: string, 
/**
 * What the client owes for it (spending positive, a refund negative).
 */
owed: string, currency: string, owed_converted: string | null, conversion: ConversionKind, 
/**
 * The rate used, for `rate`.
 */
rate: string | null, 
/**
 * The receipts' names in the ZIP.
 */
receipts: Array<string>, 
/**
 * The matched mail receipt's number.
 */
receipt_no: string | null, 
/**
 * Net and tax of `owed` (gross), where the receipt gives its tax.
 */
net: string | null, tax: string | null, reimbursed_on: string | null, 
/**
 * `posted` or `pending` (reverted lines are never billed).
 */
status: TxnStatus, account: string, };

export type ReimburseTotal = { currency: string, 
/**
 * Gross.
 */
owed: string, net: string, tax: string, lines: number, };

export type SubtotalBy = "vendor" | "project";

export type ReimburseSubtotal = { by: SubtotalBy, 
/**
 * The vendor's (project's) name; empty for the lines with none.
 */
name: string, currency: string, 
/**
 * Gross.
 */
owed: string, net: string, tax: string, lines: number, };

export type ReimbursePreview = { 
/**
 * The report's number (`R-0007`) once it was written; `None` before.
 */
number: string | null, 
/**
 * The client's name as its first line's tag writes it.
 */
client: string, from: string, to: string, currency: string, lines: Array<ReimburseLine>, totals: Array<ReimburseTotal>, 
/**
 * Per vendor, then per project tag (only when a line has one), each
 * per billed currency, in the report's order.
 */
subtotals: Array<ReimburseSubtotal>, total_converted: string, 
/**
 * Of that, the lines not yet marked reimbursed.
 */
outstanding_converted: string, unconverted_lines: number, 
/**
 * Lines with no receipt attached.
 */
missing_receipts: number, 
/**
 * Lines already marked reimbursed.
 */
reimbursed_lines: number, 
/**
 * Sentences about the report (missing rates, pending lines).
 */
notes: Array<Msg>, };

export type ExportKind = "csv" | "pdf" | "zip";

export type ReimburseExport = { kind: ExportKind, 
/**
 * The file written (where the user chose).
 */
file: string, 
/**
 * The receipts ZIP written beside a CSV or PDF report.
 */
receipts_zip: string | null, lines: number, receipts: number, };

export type MarkResult = { client: string, on: string, ids: Array<number>, };

export type ReportParties = { 
/**
 * The client whose address `client_address` is; empty: none chosen.
 */
client: string, 
/**
 * The sender's name and address, one line each.
 */
sender: string, 
/**
 * The client's name and address as it goes on its reports.
 */
client_address: string, 
/**
 * How to pay: bank details, terms.
 */
payment_note: string, };

export type ProviderQuery = { 
/**
 * One provider; `None` for both.
 */
provider: ProviderId | null, from: string | null, to: string | null, };

export type CostLine = { provider: ProviderId, 
/**
 * The group's name (`(none)` where the records name none).
 */
key: string, currency: string, amount: string, records: number, };

export type ProviderMonth = { 
/**
 * `YYYY-MM`.
 */
month: string, provider: ProviderId, currency: string, cost: string, 
/**
 * Card lines classed `ai-api` with this provider's vendor.
 */
card_topups: string, card_lines: number, 
/**
 * Succeeded credit purchases recorded with `payments add`.
 */
credit_purchases: string, };

export type ChartMonth = { month: string, openai: string, anthropic: string, 
/**
 * Every other provider's cost (Google, Cursor, GitHub, OpenRouter).
 */
other: string, 
/**
 * Card top-ups and credit purchases of every provider.
 */
topups: string, };

export type ProviderView = { 
/**
 * Current provider records (cost and usage) in the ledger, unfiltered.
 */
records: number, by_project: Array<CostLine>, by_line_item: Array<CostLine>, by_model: Array<CostLine>, by_api_key: Array<CostLine>, by_month: Array<CostLine>, 
/**
 * Per provider and currency, over every group.
 */
totals: Array<CostLine>, vs_topups: Array<ProviderMonth>, 
/**
 * The currency the chart draws (the one with the most cost), if any.
 */
chart_currency: string | null, 
/**
 * Months, oldest first, in `chart_currency`.
 */
chart: Array<ChartMonth>, 
/**
 * Currencies of the view left out of the chart.
 */
other_currencies: Array<string>, };

export type UsageQuery = { provider: ProviderId | null, from: string | null, to: string | null, };

export type UsageLine = { key: string, 
/**
 * `claude-code`, `codex-cli`, ... where every record shares it.
 */
tool: string | null, provider: ProviderId | null, input_tokens: number, cached_input_tokens: number, output_tokens: number, reasoning_tokens: number, requests: number, records: number, 
/**
 * Tokens × the price list; `None` where nothing could be priced.
 */
estimated_cost: string | null, 
/**
 * What the tool or provider itself states.
 */
reported_cost: string | null, currency: string, 
/**
 * Records the price list does not price (left out of the estimate).
 */
unpriced_records: number, };

export type CheckGap = { 
/**
 * `estimate_vs_reported`, `charged_vs_reported`, ...
 */
kind: string, amount: string | null, 
/**
 * Provider record ids (the first few) and how many in all.
 */
rows: Array<number>, row_count: number, 
/**
 * What the gap means, in the user's language.
 */
msg: Msg, };

export type CheckMonth = { provider: ProviderId, 
/**
 * `YYYY-MM`, the user's month.
 */
month: string, currency: string, estimated: string | null, reported: string | null, charged: string | null, 
/**
 * Agent usage under a plan, at API prices.
 */
plan_usage_value: string | null, gaps: Array<CheckGap>, };

export type WatchFolder = { 
/**
 * `claude-code`, `codex-cli`, `gemini-cli`.
 */
tool: string | null, path: string, exists: boolean, watched: boolean, };

export type LastScan = { 
/**
 * UTC instant.
 */
at: string, added: number, 
/**
 * Logs read (new or grown).
 */
read: number, failed: number, };

export type WatchState = { folders: Array<WatchFolder>, last_scan: LastScan | null, };

export type UsageView = { by_tool: Array<UsageLine>, by_model: Array<UsageLine>, by_project: Array<UsageLine>, check: Array<CheckMonth>, watch: WatchState, };

export type CreditSource = "payment" | "receipt" | "card" | "grant" | "usage_credit";

export type CreditPurchase = { date: string, 
/**
 * The credit bought or granted (positive).
 */
amount: string, expires_on: string | null, 
/**
 * What usage has not yet taken (0 once expired).
 */
remaining: string, 
/**
 * What was lost unused at expiry.
 */
expired: string, source: CreditSource, 
/**
 * The rows behind it: `payment:ID`, `txn:ID`, `grant:ID`, `usage:ID`.
 */
rows: Array<string>, };

export type NextExpiry = { date: string, amount: string, };

export type AutoRecharge = { 
/**
 * At least [`AUTO_RECHARGE_MIN`] top-ups of one amount.
 */
detected: boolean, amount: string | null, 
/**
 * The median balance just before those top-ups (the billing page's
 * "balance before" where a payment record gives it).
 */
threshold: string | null, 
/**
 * Those top-ups in the as-of date's month.
 */
count_this_month: number, 
/**
 * The median count of the earlier months that had any (up to 6).
 */
usual_per_month: number, 
/**
 * Several in one day, or more than twice the usual month (and 3+).
 */
loop: boolean, 
/**
 * The day the loop was seen (the as-of month's busiest day).
 */
loop_on: string | null, 
/**
 * The top-ups of this month (or of the loop's day).
 */
rows: Array<string>, };

export type CreditAccount = { provider: ProviderId, organization: string | null, currency: Currency, 
/**
 * The rows' balance plus `unexplained`: what the billing page shows.
 */
balance: string, as_of: string, purchases: Array<CreditPurchase>, next_expiry: NextExpiry | null, burn_per_day_7d: string, burn_per_day_30d: string, 
/**
 * At the 7-day rate (the 30-day one when the last week used nothing);
 * the as-of date when the balance is already at or below zero.
 */
runs_out_on: string | null, auto_recharge: AutoRecharge, 
/**
 * The user's last stated balance minus what the rows gave that day.
 */
unexplained: string, 
/**
 * The date of the balance the user stated, if any.
 */
checked_on: string | null, 
/**
 * The balance the rows alone give.
 */
computed_balance: string, 
/**
 * All usage up to the as-of date, and the usage rows' id range.
 */
used: string, usage_rows: Array<string>, };

export type BudgetState = "ok" | "projected_over" | "over";

export type PlanValue = { provider: ProviderId, 
/**
 * `YYYY-MM`: the as-of date's month, from its first day to `to`.
 */
month: string, from: string, to: string, currency: Currency, 
/**
 * The plan usage at API prices, spending (negative), exact.
 */
api_value: string, 
/**
 * The provider's active plans for one month, spending (negative);
 * none when no plan of the provider is known in this currency.
 */
plan_price: string | null, 
/**
 * `plan_price` prorated to the days counted (`plan_price` × `days` /
 * `month_days`, to the cent): what the plans cost for the days the
 * usage covers, spending (negative).
 */
plan_price_to_date: string | null, 
/**
 * The plans priced (`anthropic Claude Max`).
 */
plans: Array<string>, 
/**
 * Those of `plans` entered by hand (no ledger line behind their price).
 */
by_hand: Array<string>, 
/**
 * The rows behind the plan price: each detected plan's last charge
 * (`txn:ID`), each plan entered by hand (`subscription:ID`).
 */
rows: Array<string>, 
/**
 * The ledger lines among `rows` (each `txn:ID`), by id: what the app
 * opens the transactions view on.
 */
lines: Array<number>, 
/**
 * `api_value / plan_price_to_date`: what the usage was worth per unit
 * of what the plans cost for the same days (above 1: the plan paid
 * off so far).
 */
value_per_price: string | null, 
/**
 * The usage projected to the month's end at its daily rate so far
 * (`api_value` × `month_days` / `days`, to the cent), spending.
 */
projected_api_value: string, 
/**
 * The reverse: the days of this month's usage (at its daily rate) the
 * monthly plan price buys at API prices.
 */
price_buys_days: string | null, 
/**
 * The days of usage counted (`from` to `to`) and the month's days.
 */
days: number, month_days: number, 
/**
 * Plan usage records priced, and those no price list row prices.
 */
records: number, unpriced_records: number, 
/**
 * The price list rows used (`anthropic/claude-opus-4-5@2025-11-24`).
 */
price_rows: Array<string>, 
/**
 * The whole line, as a message of the catalogs.
 */
msg: Msg, };

export type BudgetStatus = { id: number, scope: string, amount: string, currency: Currency, 
/**
 * Spending so far in the period, negative.
 */
spent: string, 
/**
 * Spending at the period's end, negative.
 */
projected: string, status: BudgetState, period: string, period_from: string, period_to: string, 
/**
 * Renewals counted in the projection, negative.
 */
renewals: string, 
/**
 * Lines in the scope left out: billed in another currency.
 */
skipped_lines: number, 
/**
 * The rows behind `spent` (`txn:ID`, `usage:LO..HI`), when not ok.
 */
rows: Array<string>, 
/**
 * The plans this budget's scope covers, valued at API prices this
 * month (filled by [`attach_plan_value`]; empty until then).
 */
plan_value: Array<PlanValue>, };

export type AlertKind = "renewal_soon" | "trial_ending" | "price_change" | "lapsed_still_charged" | "double_subscription" | "budget_exceeded" | "budget_projected" | "credits_low" | "credits_expiring" | "auto_recharge_loop";

export type Alert = { 
/**
 * Stable across runs: `<kind>-<10 hex digits>`.
 */
id: string, kind: AlertKind, 
/**
 * What it is about: a plan, a budget's scope, a credit account.
 */
subject: string, 
/**
 * The local date it concerns (a renewal, an expiry, a charge).
 */
date: string, amount: string, currency: Currency, message: string, 
/**
 * The same as a message of the catalogs, for the user's language.
 */
msg: Msg, 
/**
 * The rows behind it.
 */
rows: Array<string>, 
/**
 * The ledger lines among `rows` (each `txn:ID`), by id: what the app
 * opens the transactions view on.
 */
lines: Array<number>, dismissed: boolean, notified: boolean, };

export type KindSetting = { kind: AlertKind, enabled: boolean, };

export type AlertSettings = { kinds: Array<KindSetting>, 
/**
 * No notifications (the list is still shown).
 */
quiet: boolean, };

export type AlertsView = { as_of: string, 
/**
 * Shown alerts: not dismissed, of a kind turned on.
 */
alerts: Array<Alert>, credits: Array<CreditAccount>, budgets: Array<BudgetStatus>, 
/**
 * This month's plan usage at API prices against the plans' price.
 */
plan_value: Array<PlanValue>, 
/**
 * Why plan value is left out: the user's `prices.toml` beside the
 * ledger could not be read. The bell, credits and budgets still show.
 */
plan_value_error: Msg | null, settings: AlertSettings, 
/**
 * Plans the user marked cancelled (each can be taken back).
 */
cancellations: Array<Cancellation>, };

export type AlertSettingInput = { "type": "kind", kind: AlertKind, enabled: boolean, } | { "type": "quiet", quiet: boolean, };

export type Cancellation = { id: number, vendor: string, product: string | null, cancelled_on: string, };

export type Budget = { id: number, 
/**
 * `provider:openai`, `vendor:cursor`, `class:ai-api`, `tag:client:acme`.
 */
scope: string, amount: string, currency: Currency, 
/**
 * `monthly` or `YYYY-MM-DD..YYYY-MM-DD`.
 */
period: string, };

export type BudgetInput = { 
/**
 * `provider`, `vendor`, `class` or `tag`.
 */
scope_kind: string, 
/**
 * `openai`, `cursor`, `ai-api` / `ai-subscription` / `ai`, `client:acme`.
 */
scope_value: string, 
/**
 * The limit, e.g. `100.00`.
 */
amount: string, currency: string, 
/**
 * `monthly` or `YYYY-MM-DD..YYYY-MM-DD`.
 */
period: string, };

export type GrantInput = { provider: string, 
/**
 * The organization (`org-…`), where the provider has several; empty:
 * none.
 */
organization: string, amount: string, currency: string, 
/**
 * The local date it was granted, `YYYY-MM-DD`.
 */
on: string, 
/**
 * When it expires, `YYYY-MM-DD`; empty: never.
 */
expires: string, note: string, };

export type BalanceInput = { provider: string, 
/**
 * The organization, where the provider has several; empty: none.
 */
organization: string, 
/**
 * The balance shown (may be negative).
 */
amount: string, currency: string, 
/**
 * The local date the page showed it, `YYYY-MM-DD`.
 */
on: string, };

export type CancelInput = { vendor: string, 
/**
 * Only this plan of the vendor; empty or none: every plan.
 */
product: string | null, 
/**
 * The local date it was cancelled, `YYYY-MM-DD`.
 */
on: string, };

export type Lang = "en" | "zh-CN";

export type Arg = number | string | Msg;

export type Msg = { id: string, args: Record<string, string | number | Msg>, };

export type Draft = { 
/**
 * The language the user reads.
 */
lang: Lang, 
/**
 * What to send.
 */
text: string, 
/**
 * The same message all in the user's language, when `text` is not.
 */
check: string | null, };

/** Every provider, in the core's order (`Provider::ALL`). */
export const PROVIDERS: readonly ProviderId[] = ["openai", "anthropic", "google", "cursor", "github", "openrouter"];

/** Each provider's name as a user reads it (`Provider::name`). */
export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = { openai: "OpenAI", anthropic: "Anthropic", google: "Google", cursor: "Cursor", github: "GitHub", openrouter: "OpenRouter" };

/** Every class, in the core's order (`Class::ALL`). */
export const CLASSES: readonly Class[] = ["ai-subscription", "ai-api", "everyday", "transfer"];

/** Every error code of the core's error table. */
export const ERROR_CODES: readonly ErrorCode[] = ["newer-ledger", "not-a-ledger", "ledger-open", "not-a-backup", "not-found", "already-undone", "bad-rule", "backup", "ledger", "bad-period", "bad-currency", "bad-date", "sample", "unknown-format", "ambiguous-date-order", "bad-input", "unreadable-file", "bad-mapping", "unknown-file", "internal", "no-data-dir", "keychain", "bad-key", "no-key", "cancelled", "sync-refused", "sync", "bad-provider", "bad-answer", "link", "bad-file", "no-data-folder", "attachment-changed", "write", "case", "export", "ui"];
