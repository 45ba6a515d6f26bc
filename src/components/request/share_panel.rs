//! `<SharePanel/>`: "Share" makes a link that opens this request (and, if chosen, its captured
//! stream) in a colleague's SSE Studio. Credentials written literally are replaced by
//! `{{placeholders}}` unless ticked to include.

use leptos::prelude::*;

use crate::io::location;
use crate::model::clock::format_bytes;
use crate::model::share_link::{self, MAX_STREAM_BYTES, secrets_in};
use crate::state::AppState;
use crate::state::share::stream_to_share;

#[component]
pub fn SharePanel() -> impl IntoView {
    let state = AppState::expect();
    let is_open = RwSignal::new(false);
    let included = RwSignal::new(Vec::<String>::new());
    let with_stream = RwSignal::new(false);
    let secrets = Memo::new(move |_| state.draft.with(secrets_in));
    // The run's stream, read when the panel opens or the run changes.
    let stream = Memo::new(move |_| {
        state.log_version.track();
        is_open.get().then(|| stream_to_share(state)).flatten()
    });
    let stream_size = move || state.log.with_value(|log| log.raw_len());
    let link = Memo::new(move |_| {
        let stream = stream.get().filter(|_| with_stream.get());
        state.draft.with(|draft| {
            share_link::encode(
                draft,
                &included.get(),
                stream
                    .as_ref()
                    .map(|(source, bytes)| (source.as_str(), bytes.as_slice())),
            )
            .map(|fragment| location::with_fragment(&fragment))
        })
    });
    let toggle_secret = move |place: String, on: bool| {
        included.update(|included| {
            included.retain(|kept| *kept != place);
            if on {
                included.push(place);
            }
        });
    };
    view! {
        <button data-testid="share-open" aria-expanded=move || is_open.get().to_string()
            on:click=move |_| is_open.update(|open| *open = !*open)>"Share"</button>
        <Show when=move || is_open.get()>
            <section class="share-panel" data-testid="share-panel" aria-label="Share this request">
                <p class="share-note">"The link holds the request in its #fragment, which browsers never send to a server. It opens in a new tab, ready to send, without sending."</p>
                {move || {
                    let secrets = secrets.get();
                    if secrets.is_empty() {
                        view! { <p class="share-note" data-testid="share-no-secrets">"No credentials written literally: nothing to strip."</p> }.into_any()
                    } else {
                        view! {
                            <p class="share-note">"Replaced by placeholders — tick one to put its value in the link:"</p>
                            <ul class="share-secrets">
                                {secrets.into_iter().map(|secret| {
                                    let place = secret.place.clone();
                                    let is_included = {
                                        let place = place.clone();
                                        move || included.with(|included| included.contains(&place))
                                    };
                                    view! {
                                        <li data-testid="share-secret">
                                            <label>
                                                <input type="checkbox" prop:checked=is_included
                                                    on:change=move |event| toggle_secret(place.clone(), event_target_checked(&event))/>
                                                " " {secret.place} " → " <code>{secret.placeholder}</code>
                                            </label>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
                <label class="share-stream">
                    <input type="checkbox" data-testid="share-with-stream" prop:checked=move || with_stream.get()
                        disabled=move || stream.get().is_none()
                        on:change=move |event| with_stream.set(event_target_checked(&event))/>
                    {move || match (stream.get(), stream_size()) {
                        (Some((_, bytes)), _) => format!(" Include the captured stream ({})", format_bytes(bytes.len() as u64)),
                        (None, 0) => " Include the captured stream (there is none yet)".to_owned(),
                        (None, size) => format!(
                            " Include the captured stream (it is {}; a link carries at most {})",
                            format_bytes(size),
                            format_bytes(MAX_STREAM_BYTES as u64)
                        ),
                    }}
                </label>
                {move || match link.get() {
                    Ok(link) => {
                        let copied = link.clone();
                        view! {
                            <div class="share-link-row">
                                <input type="text" readonly=true class="share-link" data-testid="share-link"
                                    aria-label="Share link" prop:value=link/>
                                <button data-testid="share-copy" on:click=move |_| state.copy("Share link", copied.clone())>"Copy link"</button>
                            </div>
                        }.into_any()
                    }
                    Err(message) => view! { <p class="share-error" role="alert">{message}</p> }.into_any(),
                }}
            </section>
        </Show>
    }
}
