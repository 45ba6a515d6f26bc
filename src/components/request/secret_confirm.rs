//! `<SecretConfirm/>`: asks before a request of someone else's making (a share link, an imported
//! file or curl command) spends the user's secrets: where it would send them, which variables,
//! and "Send with these secrets" / "Cancel". Nothing is sent until the user confirms.

use leptos::prelude::*;

use crate::state::{AppState, Library, session};

#[component]
pub fn SecretConfirm() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    move || {
        state.secret_spend.get().map(|spend| {
            let variables = spend
                .variables
                .iter()
                .map(|name| format!("{{{{{name}}}}}"))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <section class="secret-confirm" role="alertdialog" aria-labelledby="secret-confirm-title"
                    data-testid="secret-confirm">
                    <h3 id="secret-confirm-title">"Send your secrets to " <code data-testid="secret-confirm-origin">{spend.origin.clone()}</code> "?"</h3>
                    <p>
                        "This request came from " {spend.source.describe()} ": someone else chose where it goes. "
                        "Sending it puts the values of " <code data-testid="secret-confirm-variables">{variables}</code>
                        " into a request to " <code>{spend.origin.clone()}</code> ". Nothing has been sent yet."
                    </p>
                    <div class="secret-confirm-actions">
                        <button type="button" class="button button-send" data-testid="secret-confirm-send"
                            on:click=move |_| session::confirm_and_send(state, library)>"Send with these secrets"</button>
                        <button type="button" class="button" data-testid="secret-confirm-cancel"
                            on:click=move |_| state.secret_spend.set(None)>"Cancel"</button>
                    </div>
                </section>
            }
        })
    }
}
