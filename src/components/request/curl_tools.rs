//! `<CurlTools/>`: imports a pasted `curl` command into the editor, and copies the request as
//! `curl -N` (variables resolved; secrets masked unless asked for).

use leptos::html::Textarea;
use leptos::prelude::*;

use crate::model::request::curl::{parse_curl, to_curl};
use crate::model::request::variables::Secrets;
use crate::state::{AppState, Library};

#[component]
pub fn CurlTools() -> impl IntoView {
    let state = AppState::expect();
    let library = Library::expect();
    let pasted = NodeRef::<Textarea>::new();
    let import = move |_| {
        let command = pasted
            .get_untracked()
            .map(|area| area.value())
            .unwrap_or_default();
        match parse_curl(&command) {
            Ok(draft) => {
                state.draft.set(draft);
                state.request_error.set(None);
                state.opened.set(None);
                state.notify("Imported the curl command");
            }
            Err(message) => state
                .request_error
                .set(Some(format!("Could not import: {message}"))),
        }
    };
    let copy = move |secrets: Secrets| {
        let environment = library.environment();
        match state
            .draft
            .with_untracked(|draft| draft.prepare(environment.as_ref(), secrets))
        {
            // Masked: secret variables (by `prepare`) and every credential written literally.
            Ok(prepared) if secrets == Secrets::Mask => {
                state.copy("curl command", to_curl(&prepared.masked()));
            }
            Ok(prepared) => state.copy("curl command", to_curl(&prepared)),
            Err(message) => state.request_error.set(Some(message)),
        }
    };
    view! {
        <div class="curl-tools">
            <button type="button" class="button button-small" data-testid="copy-curl"
                title="Secret variables are masked" on:click=move |_| copy(Secrets::Mask)>"Copy as curl"</button>
            <button type="button" class="button button-small" data-testid="copy-curl-secrets"
                on:click=move |_| copy(Secrets::Reveal)>"Copy as curl with secrets"</button>
            <details class="curl-import" data-testid="curl-import">
                <summary>"Import curl"</summary>
                <textarea node_ref=pasted rows="4" aria-label="Command to import" data-testid="curl-import-text"
                    placeholder="curl https://api.example.com/stream -H 'Authorization: Bearer …'"></textarea>
                <button type="button" class="button button-small" data-testid="curl-import-button" on:click=import>"Import"</button>
            </details>
        </div>
    }
}
