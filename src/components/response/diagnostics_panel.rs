//! `<DiagnosticsPanel/>`: what looks wrong with the run's transport, each finding with its likely
//! cause and the fix (see `model::analysis::diagnostics`); for a body that is not an event stream, a way to
//! decode it as one anyway, or as NDJSON.

use leptos::prelude::*;

use crate::model::analysis::diagnostics::FindingKind;
use crate::model::session::media_type::{EVENT_STREAM, NDJSON};
use crate::state::{AppState, TimelineState, session};

#[component]
pub fn DiagnosticsPanel() -> impl IntoView {
    let state = AppState::expect();
    let findings = TimelineState::expect().findings;
    let decode_as = move |what: &str, media_type: &'static str| {
        let (target, body) = state
            .log
            .with_value(|log| (log.target.clone(), log.body().to_vec()));
        session::open_offline(
            state,
            format!("{target} (decoded as {what})"),
            body,
            Some(media_type),
        );
    };
    move || {
        let findings = findings.get();
        if findings.is_empty() {
            return view! {
                <p class="side-empty">"Nothing looks wrong with this run's transport."</p>
            }
            .into_any();
        }
        let count = findings.iter().filter(|finding| !finding.is_note).count();
        let summary = match count {
            0 => "Diagnostics".to_owned(),
            1 => "Diagnostics: 1 problem".to_owned(),
            n => format!("Diagnostics: {n} problems"),
        };
        view! {
                <details class="diagnostics" open data-testid="diagnostics">
                    <summary>{summary}</summary>
                    <ul>
                        {findings.into_iter().map(|finding| view! {
                            <li class="diagnostic" class:is-note=finding.is_note
                                data-testid="diagnostic" data-kind=finding.kind.id()>
                                <strong>{finding.title}</strong>
                                <p><span class="diagnostic-label">"Why: "</span>{finding.cause}</p>
                                <p><span class="diagnostic-label">"Fix: "</span>{finding.fix}</p>
                                {finding.excerpt.map(|excerpt| view! {
                                    <pre class="diagnostic-excerpt" data-testid="diagnostic-excerpt">{excerpt}</pre>
                                })}
                                {(finding.kind == FindingKind::NotEventStream).then(|| view! {
                                    <button type="button" class="button button-small" data-testid="decode-anyway"
                                        on:click=move |_| decode_as("an event stream", EVENT_STREAM)>"Decode as event stream"</button>
                                    " "
                                    <button type="button" class="button button-small" data-testid="decode-as-ndjson"
                                        on:click=move |_| decode_as("NDJSON", NDJSON)>"Decode as NDJSON"</button>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            }
            .into_any()
    }
}
