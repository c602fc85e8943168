//! The Providers view: provider costs beside card charges.
//!
//! Invariant: read-only.

use aispend_core::app::provider_view::{self, ProviderQuery, ProviderView};
use tauri::AppHandle;

use super::{blocking, Res};

#[tauri::command]
pub async fn provider_view(app: AppHandle, query: ProviderQuery) -> Res<ProviderView> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(provider_view::provider_view(l, &query)?))
    })
    .await
}
