//! `<RelaySwitch/>`: send this request through the CORS relay (for servers that do not answer
//! CORS), and the relay's URL (one for the app, remembered).

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn RelaySwitch() -> impl IntoView {
    let state = AppState::expect();
    let (draft, relay_url) = (state.draft, state.settings.relay_url);
    let is_on = move || draft.with(|draft| draft.via_relay);
    view! {
        <div class="relay-switch">
            <label title="For servers that do not allow this page with CORS: sse-studio-server fetches the target and streams its answer back">
                <input type="checkbox" data-testid="relay-switch" prop:checked=is_on
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        draft.update(|draft| draft.via_relay = on);
                    }/>
                " Send via relay"
            </label>
            <Show when=is_on>
                <input type="text" class="relay-url" aria-label="Relay URL" data-testid="relay-url" spellcheck="false"
                    prop:value=move || relay_url.get()
                    on:change=move |event| relay_url.set(event_target_value(&event).trim().to_owned())/>
            </Show>
        </div>
    }
}
