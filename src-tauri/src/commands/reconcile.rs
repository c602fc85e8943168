//! The Reconcile view: flags, and a case opened from one.
//!
//! Invariant: read-only but for the case it opens.

use aispend_core::app::cases_view::CaseDto;
use aispend_core::app::recon_view::{self, ReconView};
use aispend_core::cases::LocalZone;

use aispend_core::clock::{now_utc, today_local};
use tauri::AppHandle;

use super::{blocking, Res};

#[tauri::command]
pub async fn reconciliation(app: AppHandle) -> Res<ReconView> {
    blocking(app, |_, s| {
        s.with_ledger(|l| recon_view::recon_view(l, today_local()))
    })
    .await
}

/// Opens a case prefilled from a reconciliation flag.
#[tauri::command]
pub async fn case_from_flag(app: AppHandle, key: String) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        let now = now_utc();
        s.with_ledger(|l| {
            recon_view::case_from_flag(l, &key, today_local(), LocalZone::system(now), now)
        })
    })
    .await
}
