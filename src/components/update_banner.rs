//! `<UpdateBanner/>`: "A new version is ready — Reload", once a newer build of the app has been
//! downloaded by the service worker (the page keeps running the one it loaded until then); and
//! "SSE Studio was updated in another tab — Reload" once a newer version there has taken the
//! saved data over (this tab saves nothing more until it reloads).

use leptos::prelude::*;

use crate::io::{location, service_worker};
use crate::state::Library;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let is_ready = RwSignal::new(false);
    service_worker::register(move || is_ready.set(true));
    let library = Library::expect();
    view! {
        <Show when=move || is_ready.get() && !library.is_outdated.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                "A new version of SSE Studio is ready. "
                <button on:click=move |_| service_worker::apply_update()>"Reload"</button>
            </div>
        </Show>
        <Show when=move || library.is_outdated.get()>
            <div class="update-banner" role="alert" data-testid="outdated-banner">
                "SSE Studio was updated in another tab: this one no longer saves. "
                <button on:click=move |_| location::reload()>"Reload"</button>
            </div>
        </Show>
    }
}
