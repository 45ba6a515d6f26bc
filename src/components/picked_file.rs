//! The file picked in an `<input type="file">`, taken from its change event.

use leptos::ev::Event;
use leptos::prelude::*;

/// The file just picked, if any. The input is cleared, so that picking the same file again is a
/// change again.
pub fn take_picked_file(event: &Event) -> Option<web_sys::File> {
    let input = event_target::<web_sys::HtmlInputElement>(event);
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}
