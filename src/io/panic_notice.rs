//! What the page shows if the app ever panics. A panic in wasm aborts the whole module: every
//! tab, live run and unsaved draft stops answering, and without this the page would just go
//! dead. The notice is plain DOM (no Leptos, which died with the module), set as text.

use std::panic::PanicHookInfo;

/// The notice's `data-testid`; also how a second panic finds the first notice.
const NOTICE_ID: &str = "panic-notice";

/// Installs the panic hook: the panic goes to the console (with its message and location), then
/// the notice is shown.
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Shows "SSE Studio hit a bug — your saved data is safe; reload" with a Reload link, at the top
/// of the page, once however often it is called. Does nothing without a document.
pub fn show() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if document.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let (Ok(notice), Ok(reload)) = (document.create_element("div"), document.create_element("a"))
    else {
        return;
    };
    let _ = notice.set_attribute("id", NOTICE_ID);
    let _ = notice.set_attribute("data-testid", NOTICE_ID);
    let _ = notice.set_attribute("role", "alert");
    notice.set_class_name("panic-notice");
    notice.set_text_content(Some(
        "SSE Studio hit a bug and stopped \u{2014} your saved data is safe (requests, \
         environments and history are stored as they were at the last save). Reload the page to \
         go on; the browser console has the details for a bug report. ",
    ));
    // A plain link: nothing of the app's code can run any more to handle a click.
    let href = document
        .location()
        .and_then(|location| location.href().ok())
        .unwrap_or_else(|| "/".into());
    let _ = reload.set_attribute("href", &href);
    reload.set_text_content(Some("Reload"));
    let _ = notice.append_child(&reload);
    let parent = document
        .body()
        .map(web_sys::Element::from)
        .or_else(|| document.document_element());
    if let Some(parent) = parent {
        let _ = parent.prepend_with_node_1(&notice);
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_notice_says_what_happened_once_with_a_reload_link() {
        super::show();
        super::show();
        let document = web_sys::window()
            .and_then(|window| window.document())
            .expect("a document");
        let notices = document
            .query_selector_all("[data-testid=panic-notice]")
            .expect("a query");
        assert_eq!(notices.length(), 1);
        let notice = document
            .get_element_by_id(super::NOTICE_ID)
            .expect("the notice");
        let text = notice.text_content().unwrap_or_default();
        assert!(text.contains("your saved data is safe"), "{text}");
        assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
        let link = notice.query_selector("a").ok().flatten().expect("a link");
        assert_eq!(link.text_content().as_deref(), Some("Reload"));
    }
}
