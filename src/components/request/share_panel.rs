//! `<SharePanel/>`: "Share" makes a link that opens this request (and, if chosen, its captured
//! stream) in a colleague's SSE Studio. Credentials written literally are replaced by
//! `{{placeholders}}` unless ticked to include.

use leptos::prelude::*;

use crate::io::{compression, location};
use crate::model::library::share_link::{self, MAX_STREAM_BYTES, secrets_in};
use crate::model::present::format::format_bytes;
use crate::state::AppState;
use crate::state::share::stream_to_share;

#[component]
pub fn SharePanel() -> impl IntoView {
    let state = AppState::expect();
    let is_open = RwSignal::new(false);
    let included = RwSignal::new(Vec::<String>::new());
    let with_stream = RwSignal::new(false);
    let secrets = Memo::new(move |_| state.draft.with(secrets_in));
    // Bytes of the run's stream so far (cheap: read on every refresh of the log).
    let stream_size = Memo::new(move |_| {
        state.log_version.track();
        state.log.with_value(|log| log.raw_len())
    });
    let can_include = move || (1..=MAX_STREAM_BYTES as u64).contains(&stream_size.get());
    // The stream itself is copied (and the link compressed) only when it is included, and read
    // again when a run starts or ends, not on every frame of a live one.
    let stream = Memo::new(move |_| {
        state.is_streaming.track();
        (is_open.get() && with_stream.get())
            .then(|| stream_to_share(state))
            .flatten()
    });
    // The link is compressed by the browser (asynchronously): a result older than the latest
    // request for one is dropped.
    let link = RwSignal::new(None::<Result<String, String>>);
    let asked = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let stream = stream.get().filter(|_| with_stream.get());
        let payload = state.draft.with(|draft| {
            share_link::payload(
                draft,
                &included.get(),
                stream
                    .as_ref()
                    .map(|(source, bytes)| (source.as_str(), bytes.as_slice())),
            )
        });
        // No link is shown (to copy) until the one for what is asked now is made.
        link.set(None);
        asked.update_value(|asked| *asked += 1);
        let this = asked.get_value();
        state.spawn(async move {
            let made = match payload {
                Ok(payload) => compression::deflate(&payload)
                    .await
                    .map(|compressed| location::with_fragment(&share_link::fragment(&compressed))),
                Err(message) => Err(message),
            };
            if asked.get_value() == this {
                link.set(Some(made));
            }
        });
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
                        disabled=move || !can_include()
                        on:change=move |event| with_stream.set(event_target_checked(&event))/>
                    {move || match stream_size.get() {
                        0 => " Include the captured stream (there is none yet)".to_owned(),
                        size if can_include() => format!(" Include the captured stream ({})", format_bytes(size)),
                        size => format!(
                            " Include the captured stream (it is {}; a link carries at most {})",
                            format_bytes(size),
                            format_bytes(MAX_STREAM_BYTES as u64)
                        ),
                    }}
                </label>
                {move || link.get().map(|link| match link {
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
                })}
            </section>
        </Show>
    }
}
