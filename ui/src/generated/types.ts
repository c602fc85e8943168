// Written by hand from docs/IPC.md until ts-rs generates it from the Rust DTOs.
// Do not add anything here that IPC.md does not define.

export type Money = string;

export interface AppError { code: string; message: string }

export interface LedgerOverview { path: string; data_folder: string; transactions: number;
  schema_version: number; sample_loaded: boolean; currency: string | null }

export type TxnStatus = "posted" | "pending" | "reverted";

export interface TxnRow { id: number; date: string; posted_date: string | null;
  description: string; amount: Money; currency: string; original_amount: Money | null;
  original_currency: string | null; class: string | null;
  vendor: string | null; product: string | null; class_source: string | null;
  review: string | null; account: string; status: TxnStatus; tags: string[]; note: string | null;
  category: string | null; memo: string | null; batch_id: number }

export interface TxnQuery { from: string | null; to: string | null; account: string | null; class: string | null;
  vendor: string | null; status: TxnStatus | null; text: string | null }

export interface TxnCursor { date: string; id: number }

export interface TxnPage { rows: TxnRow[]; next: TxnCursor | null }

export interface TxnFacets { accounts: string[]; vendors: string[]; classes: string[] }

export interface TxnEditInput { class: string | null; vendor: string | null; tags: string[] | null; note: string | null }

export interface RuleFromTxn { rule: Rule; reclassified: number }

export interface Rule { id: number; created_at: string; field: "description" | "merchant"; kind: "contains" | "regex";
  pattern: string; min_amount: Money | null; max_amount: Money | null; account: string | null;
  currency: string | null; class: string; vendor: string | null; product: string | null; tags: string[];
  priority: number; enabled: boolean; from_txn: number | null }

export interface ClassAmount { class: string; spent: Money; count: number }

export interface TrendMonth { month: string; ai_subscription: Money; ai_api: Money; everyday: Money }

export interface VendorAmount { vendor: string; name: string; spent: Money; count: number }

export interface Renewal { vendor: string; product: string | null; next_renewal: string; amount: Money;
  currency: string; cadence: string }

export interface Dashboard { as_of: string; month: string; currency: string | null;
  this_month: ClassAmount[]; trend: TrendMonth[];
  ai_share: string | null; top_vendors: VendorAmount[];
  renewals: Renewal[]; other_currencies: string[]; pending_count: number }

export interface Subscription { vendor: string; product: string | null; cadence: "weekly" | "monthly" | "quarterly" | "annual";
  amount: Money; currency: string; original_amount: Money | null; original_currency: string | null;
  first_charge: string | null; last_charge: string | null; next_renewal: string | null; annual_cost: Money;
  status: "active" | "lapsed"; price_change: boolean; previous_amount: Money | null;
  previous_currency: string | null; price_changed_on: string | null; trial_to_paid: boolean;
  charges: number; source: string; id: number | null }

export interface PickedFile { token: string; name: string; size: number }

export interface ImportOptionsInput { account: string | null; format: string | null;
  mapping: string | null; profile: string | null }

export interface MappingNeeded { header: string[]; sample: string[][]; suggested_profile: string; fields: string[] }

export interface FilePreview { token: string; name: string; format: string | null; account: string | null;
  added: number; duplicates: number; rejected: number; error: AppError | null; mapping: MappingNeeded | null }

export interface FileImported { token: string; name: string; format: string; account: string; batch_id: number;
  added: number; duplicates: number; rejected: number }

export interface ImportProgress { token: string; name: string; rows: number; bytes: number; total_bytes: number }

export interface BatchInfo { batch_id: number; file: string; sha256: string; format: string; account: string;
  imported_at: string; added: number; duplicates: number; rejected: number;
  status: "imported" | "undone"; undone_at: string | null }

export interface AccountInfo { name: string; lines: number; first_date: string | null; last_date: string | null }

export interface Settings { ledger_path: string; data_folder: string; currency: string | null; accounts: AccountInfo[] }
