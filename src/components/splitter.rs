//! `<Splitter/>`: a bar between two panes, dragged with the pointer (or moved with the arrow keys,
//! Home and End) to share the space between them; the size it sets is remembered.

use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::html::Div;
use leptos::prelude::*;

use crate::io::preferences;
use crate::model::present::layout::Split;

/// Pixels an arrow key moves the bar.
const STEP_PX: f64 = 24.0;

#[component]
pub fn Splitter(
    /// The size it sets (CSS px) and its bounds; the pane it sizes is the one before the bar
    /// (`grows_forward`: dragging right or down grows it) or after it.
    split: RwSignal<Split>,
    /// Between columns (a vertical bar, setting a width) rather than rows.
    is_vertical: bool,
    /// The pane it sizes is before the bar.
    grows_forward: bool,
    /// Where the size is remembered (see `preferences::layout`).
    key: &'static str,
    /// What it sizes, for assistive technology: "Request and stream".
    label: &'static str,
) -> impl IntoView {
    let bar = NodeRef::<Div>::new();
    // Pointer position and size when the drag began.
    let drag = StoredValue::new(None::<(f64, f64)>);
    let sign = if grows_forward { 1.0 } else { -1.0 };
    let position = move |event: &PointerEvent| {
        f64::from(if is_vertical {
            event.client_x()
        } else {
            event.client_y()
        })
    };
    let remember =
        move || preferences::set_layout(key, &split.get_untracked().px.round().to_string());
    let on_down = move |event: PointerEvent| {
        if let Some(bar) = bar.get_untracked() {
            let _ = bar.set_pointer_capture(event.pointer_id());
        }
        drag.set_value(Some((position(&event), split.get_untracked().px)));
        event.prevent_default();
    };
    let on_move = move |event: PointerEvent| {
        if let Some((from, size)) = drag.get_value() {
            split.update(|split| split.set(size + sign * (position(&event) - from)));
        }
    };
    let on_up = move |_: PointerEvent| {
        if drag.get_value().is_some() {
            drag.set_value(None);
            remember();
        }
    };
    let on_key = move |event: KeyboardEvent| {
        let (less, more) = if is_vertical {
            ("ArrowLeft", "ArrowRight")
        } else {
            ("ArrowUp", "ArrowDown")
        };
        let key = event.key();
        let moved = split.try_update(|split| {
            match key.as_str() {
                k if k == less => split.set(split.px - sign * STEP_PX),
                k if k == more => split.set(split.px + sign * STEP_PX),
                "Home" => split.set(split.min_px),
                "End" => split.set(split.max_px),
                _ => return false,
            }
            true
        });
        if moved == Some(true) {
            event.prevent_default();
            remember();
        }
    };
    view! {
        <div class="splitter" class:is-vertical=is_vertical node_ref=bar role="separator" tabindex="0"
            aria-label=label aria-orientation=if is_vertical { "vertical" } else { "horizontal" }
            aria-valuemin=move || split.get().min_px.round().to_string()
            aria-valuemax=move || split.get().max_px.round().to_string()
            aria-valuenow=move || split.get().px.round().to_string()
            data-testid=format!("splitter-{key}")
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up
            on:keydown=on_key>
        </div>
    }
}
