//! `<ShortcutSheet/>`: the keyboard shortcuts, listed in a dialog that `?` (or the header's ?
//! button) opens and Escape or Close closes; its Close button takes the focus.

use leptos::html::Button;
use leptos::prelude::*;

/// The keys and what they do.
const SHORTCUTS: [(&str, &str); 9] = [
    (
        "Ctrl+Enter",
        "Send the request, or close the stream in flight",
    ),
    ("Ctrl+S", "Save the request"),
    ("Ctrl+Shift+S", "Save it as a new request"),
    ("Ctrl+F", "Search the events"),
    (
        "\u{2191} \u{2193}",
        "Move through the events (in the timeline)",
    ),
    ("Enter", "Open or close the selected event in the inspector"),
    ("Escape", "Close the inspector, or this list"),
    (
        "\u{2190} \u{2192} \u{2191} \u{2193}, Home, End",
        "Move a splitter that has the focus",
    ),
    ("?", "Show this list"),
];

#[component]
pub fn ShortcutSheet(
    /// Whether the sheet is open.
    is_open: RwSignal<bool>,
) -> impl IntoView {
    let close_button = NodeRef::<Button>::new();
    Effect::new(move |_| {
        if is_open.get()
            && let Some(button) = close_button.get()
        {
            let _ = button.focus();
        }
    });
    view! {
        <Show when=move || is_open.get()>
            <div class="sheet-backdrop" on:click=move |_| is_open.set(false)></div>
            <section class="shortcut-sheet" role="dialog" aria-modal="true" aria-labelledby="shortcut-sheet-title"
                data-testid="shortcut-sheet"
                on:keydown=move |event| if event.key() == "Escape" { is_open.set(false) }>
                <h2 id="shortcut-sheet-title">"Keyboard shortcuts"</h2>
                <dl>
                    {SHORTCUTS.into_iter().map(|(keys, what)| view! {
                        <dt><kbd>{keys}</kbd></dt>
                        <dd>{what}</dd>
                    }).collect_view()}
                </dl>
                <button type="button" class="button" node_ref=close_button data-testid="shortcut-sheet-close"
                    on:click=move |_| is_open.set(false)>"Close"</button>
            </section>
        </Show>
    }
}
