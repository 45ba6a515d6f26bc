//! `<AnswerView/>`: for a stream in a known AI dialect, the answer its events add up to, live:
//! reasoning, text, tool calls with their assembled arguments (and results, when the stream
//! carries them), finish reason, usage, errors, whether the terminator came, and token timing
//! with a sparkline. Shown as text, never HTML.

use leptos::prelude::*;

use crate::model::ai::answer::{Answer, ToolCall};
use crate::model::ai::token_timing::TokenTiming;
use crate::model::present::format::format_duration_ms;
use crate::state::timeline_state::Side;
use crate::state::{AppState, TimelineState};

#[component]
pub fn AnswerView(
    /// The run's answer and whether the run has closed (see [`TimelineState::answer`]).
    answer: Memo<Option<(Answer, bool)>>,
) -> impl IntoView {
    let state = AppState::expect();
    move || {
        answer.get().map(|(answer, is_closed)| {
            let status = answer.status(is_closed);
            let markdown = answer.to_markdown();
            let text = answer.text.clone();
            view! {
                <section class="answer" data-testid="answer" aria-label="Assembled answer">
                    <header class="answer-header">
                        <h2 class="answer-title">"Answer"</h2>
                        <span class="answer-dialect" data-testid="answer-dialect">{answer.dialect.name()}</span>
                        {answer.model.clone().map(|model| view! { <code class="answer-model">{model}</code> })}
                        <span class=format!("answer-status answer-{}", status.0) data-testid="answer-status">{status.1}</span>
                        <span class="answer-actions">
                            <button on:click=move |_| state.copy("Answer text", text.clone())>"Copy text"</button>
                            <button on:click=move |_| state.copy("Answer as Markdown", markdown.clone())>"Copy as Markdown"</button>
                        </span>
                    </header>
                    {TokenTiming::of(&answer.delta_times).map(token_timing)}
                    {details(&answer)}
                </section>
            }
        })
    }
}

/// Reasoning, text, tool calls, finish reason, usage, errors.
fn details(answer: &Answer) -> impl IntoView + use<> {
    let usage_text = answer.usage.describe();
    let not_json = answer.not_json_note();
    view! {
        {(!answer.reasoning.is_empty()).then(|| view! {
            <details class="answer-reasoning" open=true>
                <summary>"Reasoning"</summary>
                <pre data-testid="answer-reasoning">{answer.reasoning.clone()}</pre>
            </details>
        })}
        <pre class="answer-text" data-testid="answer-text">{answer.text.clone()}</pre>
        {answer.tool_calls.iter().map(tool_call).collect_view()}
        <p class="answer-facts">
            {answer.finish_reason.clone().map(|reason| view! {
                <span>"Finish reason: " <code data-testid="answer-finish-reason">{reason}</code></span>
            })}
            {(!usage_text.is_empty()).then(|| view! {
                <span data-testid="answer-usage">"Tokens: " {usage_text}</span>
            })}
        </p>
        {(!answer.errors.is_empty()).then(|| view! {
            <ul class="answer-errors">
                {answer.errors.iter().map(|error| view! {
                    <li data-testid="answer-error">{format!("Error in event #{}: {}", error.event + 1, error.message)}</li>
                }).collect_view()}
            </ul>
        })}
        {not_json.map(|note| view! { <p class="answer-note">{note}</p> })}
        {order_note(answer.order_faults.len())}
    }
}

/// A pointer to the Diagnostics, which list the order faults.
fn order_note(faults: usize) -> impl IntoView + use<> {
    let side = TimelineState::expect().side;
    (faults > 0).then(|| view! {
        <p class="answer-note" data-testid="answer-order">
            {format!("{faults} event(s) out of protocol order: ")}
            <button type="button" class="button-link" on:click=move |_| side.set(Side::Diagnostics)>"see Diagnostics"</button>
        </p>
    })
}

fn tool_call(call: &ToolCall) -> impl IntoView + use<> {
    let (arguments, problem) = match call.pretty_arguments() {
        Ok(pretty) => (pretty, None),
        Err(_) if !call.is_complete => (
            call.arguments.clone(),
            Some("arguments still arriving".to_owned()),
        ),
        Err(error) => (
            call.arguments.clone(),
            Some(format!("Invalid arguments: {error}")),
        ),
    };
    let is_invalid = problem.is_some() && call.is_complete;
    view! {
        <div class="tool-call" data-testid="tool-call" data-invalid=is_invalid.to_string()>
            <p class="tool-call-head">
                "Tool call " <code data-testid="tool-call-name">{call.name.clone()}</code>
                {(!call.id.is_empty()).then(|| view! { <span class="tool-call-id">{call.id.clone()}</span> })}
                {problem.map(|problem| view! { <span class="tool-call-problem" data-testid="tool-call-problem">{problem}</span> })}
            </p>
            <pre data-testid="tool-call-arguments">{arguments}</pre>
            {call.shown_result().map(|result| view! {
                <p class="tool-call-head">"Result"</p>
                <pre data-testid="tool-call-result">{result}</pre>
            })}
        </div>
    }
}

/// Time to first token, deltas per second, the largest gap, and a sparkline of deltas over time.
fn token_timing(timing: TokenTiming) -> impl IntoView {
    let peak = timing.sparkline.iter().copied().max().unwrap_or(1).max(1) as f64;
    let width = timing.sparkline.len().max(1) as f64;
    let points = timing
        .sparkline
        .iter()
        .enumerate()
        .map(|(slice, count)| {
            format!(
                "{},{:.1}",
                slice as f64 + 0.5,
                20.0 - 18.0 * f64::from(*count) / peak
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let figures = [
        (
            "Time to first token",
            Some(format_duration_ms(timing.first_token_ms)),
        ),
        ("Deltas", Some(timing.deltas.to_string())),
        (
            "Deltas per second",
            timing.per_second.map(|rate| format!("{rate:.1}")),
        ),
        ("Largest gap", timing.largest_gap_ms.map(format_duration_ms)),
    ];
    view! {
        <div class="token-timing">
            <dl class="token-figures">
                {figures.into_iter().filter_map(|(label, value)| value.map(|value| view! {
                    <dt>{label}</dt><dd data-testid="token-figure" data-label=label>{value}</dd>
                })).collect_view()}
            </dl>
            <svg class="token-sparkline" viewBox=format!("0 0 {width} 20") preserveAspectRatio="none"
                role="img" aria-label="Deltas over time">
                <polyline points=points fill="none" stroke="currentColor" stroke-width="1" vector-effect="non-scaling-stroke"/>
            </svg>
        </div>
    }
}
