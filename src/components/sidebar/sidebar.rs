//! `<Sidebar/>`: Collections and History, one shown at a time.

use leptos::prelude::*;

use super::collection_tree::CollectionTree;
use super::history_list::HistoryList;

#[component]
pub fn Sidebar() -> impl IntoView {
    let showing_history = RwSignal::new(false);
    view! {
        <aside class="sidebar" aria-label="Saved requests and history" data-testid="sidebar">
            <div class="inspector-tabs" role="tablist">
                <button type="button" role="tab" class="inspector-tab" data-testid="sidebar-tab-collections"
                    aria-selected=move || (!showing_history.get()).to_string()
                    on:click=move |_| showing_history.set(false)>"Collections"</button>
                <button type="button" role="tab" class="inspector-tab" data-testid="sidebar-tab-history"
                    aria-selected=move || showing_history.get().to_string()
                    on:click=move |_| showing_history.set(true)>"History"</button>
            </div>
            {move || if showing_history.get() {
                view! { <HistoryList/> }.into_any()
            } else {
                view! { <CollectionTree/> }.into_any()
            }}
        </aside>
    }
}
