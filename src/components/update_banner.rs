//! `<UpdateBanner/>`: "A new version is ready — Reload", once a newer build of the app has been
//! downloaded by the service worker (the page keeps running the one it loaded until then).

use leptos::prelude::*;

use crate::io::service_worker;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let is_ready = RwSignal::new(false);
    service_worker::register(move || is_ready.set(true));
    view! {
        <Show when=move || is_ready.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                "A new version of SSE Studio is ready. "
                <button on:click=move |_| service_worker::apply_update()>"Reload"</button>
            </div>
        </Show>
    }
}
