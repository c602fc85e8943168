//! The TypeScript types of everything the UI sends or receives, generated
//! from these Rust types with `ts-rs` into `ui/src/generated/types.ts`.
//!
//! `cargo test -p aispend-core bindings` fails when the checked-in file is
//! not what the types generate; `AISPEND_WRITE_BINDINGS=1` with the same
//! command rewrites it.

use ts_rs::TS;

use super::import_view::{
    FileImported, FilePreview, ImportOptionsInput, ImportProgressEvent, NoticeDto, PickedFile,
};
use super::txns::TxnEditInput;
use super::{
    AccountInfo, ClassAmount, Dashboard, ErrorDto, LedgerOverview, MappingNeeded, Renewal,
    Settings, TrendMonth, TxnCursor, TxnFacets, TxnPage, TxnQuery, VendorAmount,
};
use crate::classify::{Class, MatchField, MatchKind, NewRule, Rule};
use crate::ledger::{BatchInfo, BatchStatus, RuleChange, TxnRow, TxnStatus};
use crate::provider::Provider;
use crate::reports::subs::{Cadence, SubSource, SubStatus, Subscription};

/// The generated file's path from the repository root.
pub const BINDINGS_PATH: &str = "ui/src/generated/types.ts";

fn decl<T: TS>() -> String {
    // Every integer the UI receives is an id, a count or a byte size: far
    // below 2^53, and serde_json writes it as a JSON number. ts-rs calls
    // 64-bit integers `bigint`, which a JSON number never is.
    format!("export {}\n", T::decl().replace("bigint", "number"))
}

/// Lists the UI takes from the core instead of keeping its own: the
/// providers and their names, the classes (SPEC §4) in the core's order,
/// and the error codes.
fn constants() -> String {
    let list = |items: Vec<&str>| {
        items
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "\n/** Every provider, in the core's order (`Provider::ALL`). */\n\
         export const PROVIDERS: readonly ProviderId[] = [{}];\n\n\
         /** Each provider's name as a user reads it (`Provider::name`). */\n\
         export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {{ {} }};\n\n\
         /** Every class, in the core's order (`Class::ALL`). */\n\
         export const CLASSES: readonly Class[] = [{}];\n\n\
         /** Every error code of the core's error table. */\n\
         export const ERROR_CODES: readonly ErrorCode[] = [{}];\n",
        list(Provider::ALL.iter().map(|p| p.as_str()).collect()),
        Provider::ALL
            .iter()
            .map(|p| format!("{}: \"{}\"", p.as_str(), p.name()))
            .collect::<Vec<_>>()
            .join(", "),
        list(Class::ALL.iter().map(|c| c.as_str()).collect()),
        list(super::ErrorCode::ALL.iter().map(|c| c.as_str()).collect()),
    )
}

/// The whole generated file.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from the Rust types in crates/core (ts-rs); do not edit.\n\
         // Regenerate: AISPEND_WRITE_BINDINGS=1 cargo test -p aispend-core bindings\n\n\
         /** An exact decimal amount, as text; negative is money spent. */\n\
         export type Money = string;\n\n",
    );
    let decls = [
        decl::<super::ErrorCode>(),
        decl::<ErrorDto>(),
        decl::<Provider>(),
        decl::<LedgerOverview>(),
        decl::<Settings>(),
        decl::<AccountInfo>(),
        decl::<TxnStatus>(),
        decl::<crate::classify::Field>(),
        decl::<crate::classify::LineDetails>(),
        decl::<crate::classify::MatchHow>(),
        decl::<crate::classify::PriceBy>(),
        decl::<crate::classify::DecidedBy>(),
        decl::<TxnRow>(),
        decl::<TxnQuery>(),
        decl::<TxnCursor>(),
        decl::<super::txns::TxnJump>(),
        decl::<TxnPage>(),
        decl::<TxnFacets>(),
        decl::<TxnEditInput>(),
        decl::<Class>(),
        decl::<MatchField>(),
        decl::<MatchKind>(),
        decl::<NewRule>(),
        decl::<Rule>(),
        decl::<RuleChange>(),
        decl::<ClassAmount>(),
        decl::<TrendMonth>(),
        decl::<VendorAmount>(),
        decl::<Renewal>(),
        decl::<Dashboard>(),
        decl::<Cadence>(),
        decl::<SubStatus>(),
        decl::<SubSource>(),
        decl::<Subscription>(),
        decl::<PickedFile>(),
        decl::<super::import_view::FilesDropped>(),
        decl::<crate::import::PreviewLine>(),
        decl::<crate::import::DuplicateOf>(),
        decl::<crate::import::PreviewDuplicate>(),
        decl::<super::import_view::RejectDto>(),
        decl::<ImportOptionsInput>(),
        decl::<super::mapping::MapRole>(),
        decl::<super::mapping::MappedColumn>(),
        decl::<super::mapping::ColumnMapping>(),
        decl::<super::mapping::MappingCheck>(),
        decl::<MappingNeeded>(),
        decl::<NoticeDto>(),
        decl::<FilePreview>(),
        decl::<crate::import::mail::Unrecognised>(),
        decl::<crate::import::mail::ReceiptCounts>(),
        decl::<FileImported>(),
        decl::<ImportProgressEvent>(),
        decl::<BatchStatus>(),
        decl::<BatchInfo>(),
        decl::<crate::money::Currency>(),
        decl::<crate::sync::RunResult>(),
        decl::<super::sync_view::EndpointStatus>(),
        decl::<super::sync_view::ProviderSync>(),
        decl::<super::sync_view::SyncStage>(),
        decl::<super::sync_view::SyncProgressEvent>(),
        decl::<super::sync_view::EndpointSynced>(),
        decl::<super::sync_view::SyncRun>(),
        // -- cases and reconciliation (issue #7) --
        decl::<crate::cases::CaseStatus>(),
        decl::<super::cases_view::CaseListItem>(),
        decl::<super::cases_view::RowKind>(),
        decl::<crate::provider::PaymentStatus>(),
        decl::<super::cases_view::RowStatus>(),
        decl::<super::cases_view::LedgerRowRef>(),
        decl::<crate::topup::Origin>(),
        decl::<super::cases_view::AnswerKind>(),
        decl::<super::cases_view::Question>(),
        decl::<crate::topup::FactName>(),
        decl::<crate::topup::Code>(),
        decl::<crate::topup::Contact>(),
        decl::<crate::topup::DoNot>(),
        decl::<super::cases_view::FindingDto>(),
        decl::<super::cases_view::DiagnosisDto>(),
        decl::<super::cases_view::AttachmentDto>(),
        decl::<super::cases_view::NoteDto>(),
        decl::<super::cases_view::CaseDto>(),
        decl::<super::cases_view::LinkCandidates>(),
        // the line detail panel
        decl::<super::line_detail::LineBatch>(),
        decl::<super::line_detail::LineReceipt>(),
        decl::<super::line_detail::LineCaseRef>(),
        decl::<super::line_detail::RefundRole>(),
        decl::<super::line_detail::LineRefund>(),
        decl::<super::line_detail::LineDetail>(),
        decl::<super::cases_view::PackFileDto>(),
        decl::<crate::cases::HitKind>(),
        decl::<super::cases_view::RedactionDto>(),
        decl::<super::cases_view::PackPreview>(),
        decl::<super::cases_view::PackExported>(),
        decl::<crate::reconcile::FlagKind>(),
        decl::<super::recon_view::FlagDto>(),
        decl::<super::recon_view::ReconView>(),
        // Reimbursement and Provider views (issue #7)
        decl::<super::reimburse_view::TagTarget>(),
        decl::<super::reimburse_view::TagResult>(),
        decl::<super::reimburse_view::TagName>(),
        decl::<super::reimburse_view::ReimburseTags>(),
        decl::<super::reimburse_view::ReimburseRequest>(),
        decl::<super::reimburse_view::ConversionKind>(),
        decl::<super::reimburse_view::ReimburseLine>(),
        decl::<super::reimburse_view::ReimburseTotal>(),
        decl::<crate::reimburse::SubtotalBy>(),
        decl::<super::reimburse_view::ReimburseSubtotal>(),
        decl::<super::reimburse_view::ReimbursePreview>(),
        decl::<super::reimburse_view::ExportKind>(),
        decl::<super::reimburse_view::ReimburseExport>(),
        decl::<super::reimburse_view::MarkResult>(),
        decl::<super::reimburse_view::ReportParties>(),
        decl::<super::provider_view::ProviderQuery>(),
        decl::<super::provider_view::CostLine>(),
        decl::<super::provider_view::ProviderMonth>(),
        decl::<super::provider_view::ChartMonth>(),
        decl::<super::provider_view::ProviderView>(),
        // usage of AI tools, the three-way check, watched log folders (issue #20)
        decl::<super::usage_view::UsageQuery>(),
        decl::<super::usage_view::UsageLine>(),
        decl::<super::usage_view::CheckGap>(),
        decl::<super::usage_view::CheckMonth>(),
        decl::<super::usage_view::WatchFolder>(),
        decl::<super::usage_view::LastScan>(),
        decl::<super::usage_view::WatchState>(),
        decl::<super::usage_view::UsageView>(),
        // credits, budgets and alerts (issue #18)
        decl::<crate::credits::CreditSource>(),
        decl::<crate::credits::CreditPurchase>(),
        decl::<crate::credits::NextExpiry>(),
        decl::<crate::credits::AutoRecharge>(),
        decl::<crate::credits::CreditAccount>(),
        decl::<crate::budgets::BudgetState>(),
        decl::<crate::budgets::PlanValue>(),
        decl::<crate::budgets::BudgetStatus>(),
        decl::<crate::alerts::AlertKind>(),
        decl::<crate::alerts::Alert>(),
        decl::<crate::alerts::KindSetting>(),
        decl::<crate::alerts::AlertSettings>(),
        decl::<super::alerts_view::AlertsView>(),
        decl::<super::alerts_view::AlertSettingInput>(),
        decl::<crate::alerts::Cancellation>(),
        decl::<crate::budgets::Budget>(),
        decl::<super::alerts_view::BudgetInput>(),
        decl::<super::alerts_view::GrantInput>(),
        decl::<super::alerts_view::BalanceInput>(),
        decl::<super::alerts_view::CancelInput>(),
        decl::<crate::i18n::Lang>(),
        decl::<crate::i18n::Arg>(),
        decl::<crate::i18n::Msg>(),
        decl::<crate::cases::Draft>(),
    ];
    out.push_str(&decls.join("\n"));
    out.push_str(&constants());
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// The enums that replaced strings on the IPC write the ids the strings
    /// held: the JSON the UI receives is unchanged.
    #[test]
    fn enums_on_the_wire_are_the_old_ids() {
        use crate::app::cases_view::{RowKind, RowStatus};
        use crate::app::reimburse_view::{ConversionKind, ExportKind};
        use crate::app::sync_view::SyncStage;
        use crate::ledger::TxnStatus;
        use crate::provider::{PaymentStatus, Provider};
        use crate::sync::RunResult;
        use crate::topup::{Code, Contact, DoNot, FactName, Origin};
        let json = |v: serde_json::Value| v.as_str().map(str::to_owned).unwrap_or_default();
        let cases: Vec<(serde_json::Value, &str)> = vec![
            (serde_json::json!(Provider::Anthropic), "anthropic"),
            (
                serde_json::json!(crate::cases::CaseStatus::Closed),
                "closed",
            ),
            (serde_json::json!(RowKind::Payment), "payment"),
            (
                serde_json::json!(RowStatus::Txn(TxnStatus::Reverted)),
                "reverted",
            ),
            (
                serde_json::json!(RowStatus::Payment(PaymentStatus::Refunded)),
                "refunded",
            ),
            (serde_json::json!(Origin::Ledger), "ledger"),
            (serde_json::json!(crate::cases::HitKind::ApiKey), "api_key"),
            (
                serde_json::json!(crate::reconcile::FlagKind::NegativeBalanceOffset),
                "negative_balance_offset",
            ),
            (serde_json::json!(SyncStage::Importing), "importing"),
            (serde_json::json!(RunResult::Cancelled), "cancelled"),
            (serde_json::json!(ConversionKind::Missing), "missing"),
            (serde_json::json!(ExportKind::Zip), "zip"),
            (
                serde_json::json!(crate::reports::SubSource::Manual),
                "manual",
            ),
            (serde_json::json!(crate::reports::Cadence::Annual), "annual"),
            (
                serde_json::json!(crate::classify::Class::AiSubscription),
                "ai-subscription",
            ),
            (serde_json::json!(crate::classify::PriceBy::Fx), "fx"),
            (
                serde_json::json!(Code::Payment3dsFailed),
                "payment_3ds_failed",
            ),
            (
                serde_json::json!(Contact::ProviderAndBank),
                "provider_and_bank",
            ),
            (serde_json::json!(DoNot::PayAgain), "pay_again"),
            (
                serde_json::json!(FactName::UsedSincePayment),
                "used_since_payment",
            ),
        ];
        for (value, want) in cases {
            assert_eq!(json(value), want);
        }
    }

    #[test]
    fn bindings_are_up_to_date() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(super::BINDINGS_PATH);
        let want = super::typescript();
        if std::env::var_os("AISPEND_WRITE_BINDINGS").is_some() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("create ui/src/generated");
            }
            std::fs::write(&path, &want).expect("write the bindings");
            return;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{} is stale: the Rust types changed. Regenerate it with\n  \
             AISPEND_WRITE_BINDINGS=1 cargo test -p aispend-core bindings\n",
            path.display()
        );
    }
}
