//! `<ReconnectSwitch/>`: whether the request reconnects when a connection ends, as `EventSource`
//! does (on by default for GET, off for other methods), and with backoff up to a maximum wait.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn ReconnectSwitch() -> impl IntoView {
    let draft = AppState::expect().draft;
    let is_on = move || draft.with(|draft| draft.reconnect.is_enabled(draft.method.as_str()));
    let backoff = move || draft.with(|draft| draft.reconnect.backoff);
    view! {
        <div class="reconnect-switch">
            <label title="When a connection ends or fails, wait the reconnection time (the server's retry, else 3000 ms) and connect again with Last-Event-ID, as EventSource does; a status other than 200, or a response that is not text/event-stream, stops it">
                <input type="checkbox" data-testid="reconnect-switch" prop:checked=is_on
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        draft.update(|draft| draft.reconnect.enabled = Some(on));
                    }/>
                " Auto-reconnect"
            </label>
            <Show when=is_on>
                <label title="Double the wait after each connection that brought no event, taking off a random part of up to half, up to the maximum">
                    <input type="checkbox" data-testid="reconnect-backoff" prop:checked=backoff
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            draft.update(|draft| draft.reconnect.backoff = on);
                        }/>
                    " Backoff"
                </label>
                <Show when=backoff>
                    <label class="reconnect-max">
                        "max "
                        <input type="number" min="0" step="1000" data-testid="reconnect-max-ms"
                            prop:value=move || draft.with(|draft| draft.reconnect.max_delay_ms.to_string())
                            on:change=move |event| {
                                if let Ok(ms) = event_target_value(&event).trim().parse::<u64>() {
                                    draft.update(|draft| draft.reconnect.max_delay_ms = ms);
                                }
                            }/>
                        " ms"
                    </label>
                </Show>
            </Show>
        </div>
    }
}
