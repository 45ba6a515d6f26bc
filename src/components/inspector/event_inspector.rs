//! `<EventInspector/>`: one event in tabs: Info (type, last event ID, retry in force, offsets,
//! time, size, chunks), Data, Raw (the block's lines as they came off the wire) and Hex; with copy
//! buttons for the data, the raw lines and the event as JSON, and "Resume from here" (send again
//! with the event's last event ID).

use leptos::prelude::*;

use super::data_tab::DataTab;
use crate::model::library::export::event_json;
use crate::model::present::excerpt::{self, EXCERPT_BYTES, excerpt};
use crate::model::present::format::{format_bytes, format_duration_ms};
use crate::model::present::hex_dump::hex_dump;
use crate::model::session::log::{EventView, SessionLog};
use crate::state::{AppState, Library, TimelineState, session};

/// Bytes shown in the Hex tab (a hex line is ~4.5× its bytes; the copy buttons have them all).
const HEX_BYTES_SHOWN: usize = 64 << 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Info,
    Data,
    Raw,
    Hex,
}

impl Tab {
    const ALL: [Self; 4] = [Self::Info, Self::Data, Self::Raw, Self::Hex];

    fn label(self) -> &'static str {
        match self {
            Self::Info => "Info",
            Self::Data => "Data",
            Self::Raw => "Raw",
            Self::Hex => "Hex",
        }
    }
}

/// Data up to this size is shown whole (and as a JSON tree when it is JSON); larger data shows
/// its first [`EXCERPT_BYTES`] until the user asks for all of it: laying out a 15 MB event took
/// the page 3 s.
const DATA_SHOWN_WHOLE_BYTES: usize = 512 << 10;

/// The event, read from the log once (events never change). What the copy buttons copy is read
/// again when pressed, so a large event is not held here twice over.
struct Inspected {
    fields: Vec<(&'static str, String)>,
    /// The data, or its excerpt when it is larger than [`DATA_SHOWN_WHOLE_BYTES`].
    data: String,
    data_bytes: usize,
    /// The raw lines, or their excerpt past [`EXCERPT_BYTES`].
    raw: String,
    raw_bytes: usize,
    hex: String,
    event_type: String,
    last_event_id: String,
}

#[component]
pub fn EventInspector(index: usize) -> impl IntoView {
    let state = AppState::expect();
    let timeline = TimelineState::expect();
    let Some(inspected) = state.log.with_value(|log| {
        let event = log.event(index)?;
        let raw = log.block_lines(event.span.clone());
        let (chunks, chunk_count) = log.chunks_of(event.span.clone());
        let chunks = if chunks.len() == 1 {
            format!("#{} of {chunk_count}", chunks.start + 1)
        } else {
            format!(
                "#{}–#{} of {chunk_count} (split across {})",
                chunks.start + 1,
                chunks.end,
                chunks.len()
            )
        };
        let shown_hex = &raw[..raw.len().min(HEX_BYTES_SHOWN)];
        let mut hex = hex_dump(shown_hex, event.span.start);
        if raw.len() > HEX_BYTES_SHOWN {
            hex.push_str(&format!(
                "… {} more bytes (Copy raw has them all)\n",
                raw.len() - HEX_BYTES_SHOWN
            ));
        }
        Some(Inspected {
            fields: vec![
                ("Event type", event.event_type.to_owned()),
                (
                    "Last event ID",
                    if event.last_event_id.is_empty() {
                        "(none)".into()
                    } else {
                        event.last_event_id.to_owned()
                    },
                ),
                (
                    "Retry in force",
                    log.retry_at(index)
                        .map_or("(none: 3000 ms default)".into(), |ms| format!("{ms} ms")),
                ),
                (
                    "Event number",
                    format!("{} of {}", index + 1, log.event_count()),
                ),
                (
                    "Connection",
                    format!(
                        "{} of {}",
                        log.connection_of(index) + 1,
                        log.connections().len().max(1)
                    ),
                ),
                ("Time", log.time_of_day(event.at_ms)),
                (
                    "Since request",
                    format!("+{}", format_duration_ms(event.at_ms)),
                ),
                ("Since previous", format_duration_ms(event.gap_ms)),
                (
                    "Stream offset",
                    format!("bytes {}–{}", event.span.start, event.span.end),
                ),
                (
                    "Size",
                    format!(
                        "{} of data, {} on the wire",
                        format_bytes(event.data.len() as u64),
                        format_bytes(event.wire_bytes())
                    ),
                ),
                ("Chunks", chunks),
            ],
            data: if event.data.len() > DATA_SHOWN_WHOLE_BYTES {
                excerpt(event.data.as_bytes())
            } else {
                event.data.to_owned()
            },
            data_bytes: event.data.len(),
            raw: excerpt(&raw),
            raw_bytes: raw.len(),
            hex,
            event_type: event.event_type.to_owned(),
            last_event_id: event.last_event_id.to_owned(),
        })
    }) else {
        return view! { <p class="inspector-empty">"This event is no longer in the log."</p> }
            .into_any();
    };
    let tab = RwSignal::new(Tab::Data);
    let Inspected {
        fields,
        data,
        data_bytes,
        raw,
        raw_bytes,
        hex,
        event_type,
        last_event_id,
    } = inspected;
    // Read when wanted, from the log: the whole of a large event only when asked for.
    let read = move |what: fn(&SessionLog, &EventView<'_>) -> String| {
        state
            .log
            .with_value(|log| log.event(index).map(|event| what(log, &event)))
            .unwrap_or_default()
    };
    let whole_data = |_: &SessionLog, event: &EventView<'_>| event.data.to_owned();
    let whole_raw = |log: &SessionLog, event: &EventView<'_>| {
        String::from_utf8_lossy(&log.block_lines(event.span.clone())).into_owned()
    };
    let as_json = |log: &SessionLog, event: &EventView<'_>| {
        serde_json::to_string_pretty(&event_json(log, event)).unwrap_or_default()
    };
    let is_cut = data_bytes > DATA_SHOWN_WHOLE_BYTES;
    let shown_data = RwSignal::new(data);
    let show_all = move |_| shown_data.set(read(whole_data));
    let library = Library::expect();
    let has_id = !last_event_id.is_empty();
    let resume = move |_| {
        state
            .draft
            .update(|draft| draft.last_event_id = last_event_id.clone());
        session::send(state, library);
    };
    view! {
        <section class="event-inspector" data-testid="event-inspector">
            <div class="inspector-head">
                <h3 class="inspector-title">"Event " {index + 1} " · " <span>{event_type}</span></h3>
                <button type="button" class="button button-small" aria-label="Close the inspector"
                    on:click=move |_| timeline.is_inspecting.set(false)>"✕"</button>
            </div>
            <div class="inspector-tabs" role="tablist">
                {Tab::ALL.map(|each| view! {
                    <button type="button" role="tab" class="inspector-tab"
                        aria-selected=move || (tab.get() == each).to_string()
                        data-testid=format!("inspector-tab-{}", each.label().to_ascii_lowercase())
                        on:click=move |_| tab.set(each)>{each.label()}</button>
                })}
            </div>
            <div class="inspector-copy">
                <button type="button" class="button button-small" data-testid="copy-data"
                    on:click=move |_| state.copy("data", read(whole_data))>"Copy data"</button>
                <button type="button" class="button button-small" data-testid="copy-raw"
                    on:click=move |_| state.copy("raw lines", read(whole_raw))>"Copy raw"</button>
                <button type="button" class="button button-small" data-testid="copy-json"
                    on:click=move |_| state.copy("event as JSON", read(as_json))>"Copy as JSON"</button>
                <button type="button" class="button button-small" data-testid="resume-from-here"
                    disabled=!has_id
                    title=if has_id { "Send again with this event's ID as Last-Event-ID: a server that honours it carries on after this event" } else { "This event has no last event ID to resume from" }
                    on:click=resume>"Resume from here"</button>
            </div>
            <div class="inspector-body" role="tabpanel">
                <div hidden=move || tab.get() != Tab::Info>
                    <dl class="inspector-fields" data-testid="inspector-info">
                        {fields.into_iter().map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> }).collect_view()}
                    </dl>
                </div>
                <div hidden=move || tab.get() != Tab::Data>
                    {move || (is_cut && shown_data.with(|shown| shown.len() < data_bytes)).then(|| view! {
                        <p class="data-tab-note" data-testid="data-cut">
                            {format!("A large event: the first {} of {} are shown. ", format_bytes(EXCERPT_BYTES as u64), format_bytes(data_bytes as u64))}
                            <button type="button" class="button button-small" data-testid="data-show-all"
                                on:click=show_all>"Show all"</button>
                        </p>
                    })}
                    {move || view! { <DataTab data=shown_data.get()/> }}
                </div>
                <div hidden=move || tab.get() != Tab::Raw>
                    {excerpt::is_cut(raw_bytes as u64).then(|| view! {
                        <p class="data-tab-note">{format!("The first {} of {} are shown; Copy raw copies them all.", format_bytes(EXCERPT_BYTES as u64), format_bytes(raw_bytes as u64))}</p>
                    })}
                    <pre class="inspector-pre" data-testid="inspector-raw">{raw}</pre>
                </div>
                <div hidden=move || tab.get() != Tab::Hex>
                    <pre class="inspector-pre" data-testid="inspector-hex">{hex}</pre>
                </div>
            </div>
        </section>
    }
    .into_any()
}
