//! Request templates ("New from template"): the AI providers' streaming endpoints with
//! `{{variables}}` for the key and the model, an OpenAI-compatible local server, an MCP session
//! (Streamable HTTP, MCP 2025-11-25: each step a request, chained through the captured
//! `{{mcp_session_id}}`), and the demo streams of the app's own server.

use crate::request::auth::{Auth, KeyPlace};
use crate::request::capture::{Capture, CaptureSource};
use crate::request::draft::{Method, RequestDraft};
use crate::session::media_type::NDJSON;

/// Where a template's credentials go (all `{{variables}}`, never literal keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateAuth {
    /// None.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(&'static str),
    /// An API key header: (name, value).
    KeyHeader(&'static str, &'static str),
}

/// Which menu group a template is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// A provider's API (needs a key).
    Provider,
    /// A step of an MCP session, against the app's own `/demo/mcp`.
    Mcp,
    /// A stream of the app's own server.
    Demo,
}

/// A ready-made request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// Menu label (unique).
    pub label: &'static str,
    /// Menu group.
    pub group: Group,
    /// Method.
    pub method: Method,
    /// An absolute URL, or a path on the app's own origin (starting with `/`).
    pub url: &'static str,
    /// Headers besides `Accept: text/event-stream`.
    pub extra_headers: &'static [(&'static str, &'static str)],
    /// Credentials.
    pub auth: TemplateAuth,
    /// Body (empty for GET).
    pub body: &'static str,
    /// Variables it captures from its response: (variable, response header).
    pub captures: &'static [(&'static str, &'static str)],
}

const JSON: &[(&str, &str)] = &[("Content-Type", "application/json")];
const ANTHROPIC: &[(&str, &str)] = &[
    ("Content-Type", "application/json"),
    ("anthropic-version", "2023-06-01"),
    // Anthropic refuses calls from a browser page without it (the key is the user's own).
    ("anthropic-dangerous-direct-browser-access", "true"),
];

const CHAT_BODY: &str = "{\n  \"model\": \"{{model}}\",\n  \"stream\": true,\n  \"stream_options\": { \"include_usage\": true },\n  \"messages\": [\n    { \"role\": \"user\", \"content\": \"Tell me about server-sent events\" }\n  ]\n}";
const ANTHROPIC_BODY: &str = "{\n  \"model\": \"{{model}}\",\n  \"max_tokens\": 1024,\n  \"stream\": true,\n  \"messages\": [\n    { \"role\": \"user\", \"content\": \"Tell me about server-sent events\" }\n  ]\n}";

/// What a new page opens with: the ticks demo.
pub const STARTER: Template = Template {
    label: "Demo: ticks (GET)",
    group: Group::Demo,
    method: Method::Get,
    url: "/demo/ticks?count=20&interval_ms=500",
    extra_headers: &[],
    auth: TemplateAuth::None,
    body: "",
    captures: &[],
};

/// A demo fetched with GET from `url`.
const fn get(label: &'static str, url: &'static str) -> Template {
    Template {
        label,
        group: Group::Demo,
        method: Method::Get,
        url,
        extra_headers: &[],
        auth: TemplateAuth::None,
        body: "",
        captures: &[],
    }
}

/// A demo replaying a recorded AI stream (`/demo/ai/{sample}`).
const fn recorded(label: &'static str, url: &'static str) -> Template {
    Template {
        label,
        group: Group::Demo,
        method: Method::Post,
        url,
        extra_headers: JSON,
        auth: TemplateAuth::None,
        body: "{}",
        captures: &[],
    }
}

/// Ollama's native API: NDJSON back for a JSON body.
const OLLAMA: &[(&str, &str)] = &[("Accept", NDJSON), JSON[0]];

/// An MCP step's headers: both media types a Streamable HTTP client must accept, the protocol
/// version, and the session captured by "MCP: initialize".
const MCP: &[(&str, &str)] = &[MCP_ACCEPT, JSON[0], MCP_VERSION, MCP_SESSION];
const MCP_ACCEPT: (&str, &str) = ("Accept", "application/json, text/event-stream");
const MCP_VERSION: (&str, &str) = ("MCP-Protocol-Version", "2025-11-25");
const MCP_SESSION: (&str, &str) = ("Mcp-Session-Id", "{{mcp_session_id}}");

/// The MCP step `label` posting the JSON-RPC message `body` to `/demo/mcp` in the session.
const fn mcp(label: &'static str, body: &'static str) -> Template {
    Template {
        label,
        group: Group::Mcp,
        method: Method::Post,
        url: "/demo/mcp",
        extra_headers: MCP,
        auth: TemplateAuth::None,
        body,
        captures: &[],
    }
}

/// Every template, providers first.
pub static TEMPLATES: [Template; 42] = [
    Template {
        label: "OpenAI Chat Completions (stream)",
        group: Group::Provider,
        method: Method::Post,
        url: "https://api.openai.com/v1/chat/completions",
        extra_headers: JSON,
        auth: TemplateAuth::Bearer("{{openai_api_key}}"),
        body: CHAT_BODY,
        captures: &[],
    },
    Template {
        label: "OpenAI Responses (stream)",
        group: Group::Provider,
        method: Method::Post,
        url: "https://api.openai.com/v1/responses",
        extra_headers: JSON,
        auth: TemplateAuth::Bearer("{{openai_api_key}}"),
        body: "{\n  \"model\": \"{{model}}\",\n  \"stream\": true,\n  \"input\": \"Tell me about server-sent events\"\n}",
        captures: &[],
    },
    Template {
        label: "Anthropic Messages (stream)",
        group: Group::Provider,
        method: Method::Post,
        url: "https://api.anthropic.com/v1/messages",
        extra_headers: ANTHROPIC,
        auth: TemplateAuth::KeyHeader("x-api-key", "{{anthropic_api_key}}"),
        body: ANTHROPIC_BODY,
        captures: &[],
    },
    Template {
        label: "Google Gemini (stream)",
        group: Group::Provider,
        method: Method::Post,
        url: "https://generativelanguage.googleapis.com/v1beta/models/{{model}}:streamGenerateContent?alt=sse",
        extra_headers: JSON,
        auth: TemplateAuth::KeyHeader("x-goog-api-key", "{{gemini_api_key}}"),
        body: "{\n  \"contents\": [\n    { \"role\": \"user\", \"parts\": [{ \"text\": \"Tell me about server-sent events\" }] }\n  ]\n}",
        captures: &[],
    },
    Template {
        label: "Ollama / OpenAI-compatible (local)",
        group: Group::Provider,
        method: Method::Post,
        url: "http://localhost:11434/v1/chat/completions",
        extra_headers: JSON,
        auth: TemplateAuth::None,
        body: CHAT_BODY,
        captures: &[],
    },
    Template {
        label: "MCP: initialize (captures the session id)",
        group: Group::Mcp,
        method: Method::Post,
        url: "/demo/mcp",
        // No session yet: the answer's Mcp-Session-Id header starts one.
        extra_headers: &[MCP_ACCEPT, JSON[0], MCP_VERSION],
        auth: TemplateAuth::None,
        body: "{\n  \"jsonrpc\": \"2.0\",\n  \"id\": 1,\n  \"method\": \"initialize\",\n  \"params\": {\n    \"protocolVersion\": \"2025-11-25\",\n    \"capabilities\": {},\n    \"clientInfo\": { \"name\": \"sse-studio\", \"version\": \"0.1.0\" }\n  }\n}",
        captures: &[("mcp_session_id", "Mcp-Session-Id")],
    },
    mcp(
        "MCP: notifications/initialized",
        "{\n  \"jsonrpc\": \"2.0\",\n  \"method\": \"notifications/initialized\"\n}",
    ),
    mcp(
        "MCP: tools/list",
        "{\n  \"jsonrpc\": \"2.0\",\n  \"id\": 2,\n  \"method\": \"tools/list\"\n}",
    ),
    mcp(
        "MCP: tools/call (streams progress)",
        "{\n  \"jsonrpc\": \"2.0\",\n  \"id\": 3,\n  \"method\": \"tools/call\",\n  \"params\": {\n    \"name\": \"forecast\",\n    \"arguments\": { \"latitude\": 48.8 },\n    \"_meta\": { \"progressToken\": \"forecast-1\" }\n  }\n}",
    ),
    mcp(
        "MCP: resources/list",
        "{\n  \"jsonrpc\": \"2.0\",\n  \"id\": 4,\n  \"method\": \"resources/list\"\n}",
    ),
    mcp(
        "MCP: prompts/list",
        "{\n  \"jsonrpc\": \"2.0\",\n  \"id\": 5,\n  \"method\": \"prompts/list\"\n}",
    ),
    Template {
        label: "MCP: GET stream (server messages)",
        group: Group::Mcp,
        method: Method::Get,
        url: "/demo/mcp",
        extra_headers: &[MCP_VERSION, MCP_SESSION],
        auth: TemplateAuth::None,
        body: "",
        captures: &[],
    },
    Template {
        label: "MCP: end the session (DELETE)",
        group: Group::Mcp,
        method: Method::Delete,
        url: "/demo/mcp",
        extra_headers: &[MCP_ACCEPT, MCP_VERSION, MCP_SESSION],
        auth: TemplateAuth::None,
        body: "",
        captures: &[],
    },
    Template {
        label: "MCP (HTTP+SSE transport): open the stream, then post from the JSON-RPC view",
        group: Group::Mcp,
        method: Method::Get,
        url: "/demo/mcp-sse",
        extra_headers: &[],
        auth: TemplateAuth::None,
        body: "",
        captures: &[],
    },
    STARTER,
    Template {
        label: "Demo: OpenAI chat completions (POST)",
        group: Group::Demo,
        method: Method::Post,
        url: "/demo/openai/chat/completions",
        extra_headers: JSON,
        auth: TemplateAuth::None,
        body: "{\n  \"model\": \"gpt-4o-mini\",\n  \"stream\": true,\n  \"messages\": [\n    { \"role\": \"user\", \"content\": \"Tell me about server-sent events\" }\n  ]\n}",
        captures: &[],
    },
    Template {
        label: "Demo: Anthropic messages (POST)",
        group: Group::Demo,
        method: Method::Post,
        url: "/demo/anthropic/messages",
        extra_headers: JSON,
        auth: TemplateAuth::None,
        body: "{\n  \"model\": \"claude-sonnet-4-5\",\n  \"max_tokens\": 256,\n  \"stream\": true,\n  \"messages\": [\n    { \"role\": \"user\", \"content\": \"Tell me about server-sent events\" }\n  ]\n}",
        captures: &[],
    },
    recorded("Demo: OpenAI tool calls", "/demo/ai/openai-chat-tools"),
    recorded(
        "Demo: OpenAI-compatible reasoning, no [DONE]",
        "/demo/ai/openai-chat-no-done",
    ),
    recorded("Demo: OpenAI Responses", "/demo/ai/openai-responses"),
    recorded(
        "Demo: Anthropic thinking and tool use",
        "/demo/ai/anthropic-thinking-tools",
    ),
    recorded(
        "Demo: Anthropic error mid-stream",
        "/demo/ai/anthropic-error",
    ),
    recorded("Demo: Gemini", "/demo/ai/gemini"),
    recorded(
        "Demo: Vercel AI SDK UI message stream",
        "/demo/ai/ai-sdk-ui",
    ),
    recorded("Demo: AG-UI agent run", "/demo/ai/ag-ui"),
    recorded(
        "Demo: Anthropic with a block's stop missing (order diagnostic)",
        "/demo/ai/anthropic-thinking-tools?skip=11",
    ),
    Template {
        label: "Demo: Ollama native chat (NDJSON)",
        group: Group::Demo,
        method: Method::Post,
        url: "/demo/ai/ollama-chat",
        extra_headers: OLLAMA,
        auth: TemplateAuth::None,
        body: "{\n  \"model\": \"qwen3\",\n  \"messages\": [\n    { \"role\": \"user\", \"content\": \"Tell me about server-sent events\" }\n  ]\n}",
        captures: &[],
    },
    Template {
        label: "Demo: Ollama native generate (NDJSON)",
        group: Group::Demo,
        method: Method::Post,
        url: "/demo/ai/ollama-generate",
        extra_headers: OLLAMA,
        auth: TemplateAuth::None,
        body: "{\n  \"model\": \"llama3.2\",\n  \"prompt\": \"Why is the sky blue?\"\n}",
        captures: &[],
    },
    get("Demo: truncated stream (GET)", "/demo/truncated"),
    get("Demo: echo the request (GET)", "/demo/echo"),
    get(
        "Demo: flood of 100,000 events (GET)",
        "/demo/flood?count=100000&size=200",
    ),
    get(
        "Demo: NDJSON records in no AI dialect, for a rule (GET)",
        "/demo/flood?count=200&size=120&format=ndjson",
    ),
    get(
        "Demo: resumable, drops every 5 events (GET)",
        "/demo/resumable?count=20&drop_every=5&interval_ms=200",
    ),
    get(
        "Demo: forgetful server, ignores Last-Event-ID (GET)",
        "/demo/forgetful?count=10&drop_every=5&interval_ms=200",
    ),
    get(
        "Broken: sent as text/plain",
        "/demo/broken?kind=content-type",
    ),
    get("Broken: gzip-compressed", "/demo/broken?kind=gzip"),
    get(
        "Broken: no Cache-Control",
        "/demo/broken?kind=no-cache-control",
    ),
    get(
        "Broken: data lines, never a blank line",
        "/demo/broken?kind=no-blank-line",
    ),
    get("Broken: buffered by a proxy", "/demo/broken?kind=buffered"),
    get(
        "Broken: dropped after idle silence",
        "/demo/broken?kind=idle-timeout",
    ),
    get("Broken: retry values", "/demo/broken?kind=retry"),
    get(
        "Broken: events with no data",
        "/demo/broken?kind=empty-data",
    ),
];

impl Template {
    /// The draft for this template; a path is put on the app's `origin` (e.g.
    /// `http://127.0.0.1:8080`).
    pub fn draft(&self, origin: &str) -> RequestDraft {
        let url = if self.url.starts_with('/') {
            format!("{origin}{}", self.url)
        } else {
            self.url.to_owned()
        };
        let mut draft = RequestDraft::new(self.method, url, self.extra_headers, self.body.into());
        draft.captures = self
            .captures
            .iter()
            .map(|(variable, header)| Capture {
                variable: (*variable).into(),
                source: CaptureSource::Header((*header).into()),
            })
            .collect();
        draft.auth = match self.auth {
            TemplateAuth::None => Auth::None,
            TemplateAuth::Bearer(token) => Auth::Bearer {
                token: token.into(),
            },
            TemplateAuth::KeyHeader(name, value) => Auth::ApiKey {
                name: name.into(),
                value: value.into(),
                place: KeyPlace::Header,
            },
        };
        draft
    }

    /// The template labelled `label`.
    pub fn find(label: &str) -> Option<&'static Self> {
        TEMPLATES.iter().find(|template| template.label == label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::variables::{Environment, Secrets, Variable};

    fn environment() -> Environment {
        let variable = |name: &str, value: &str| Variable {
            id: 0,
            name: name.into(),
            value: value.into(),
            is_secret: true,
        };
        Environment {
            id: "e".into(),
            name: "keys".into(),
            variables: vec![
                variable("model", "m-1"),
                variable("openai_api_key", "sk-o"),
                variable("anthropic_api_key", "sk-a"),
                variable("gemini_api_key", "g-k"),
                variable("mcp_session_id", "s-1"),
            ],
        }
    }

    #[test]
    fn every_template_is_a_valid_request_once_its_variables_are_defined() {
        let environment = environment();
        for template in &TEMPLATES {
            let draft = template.draft("http://127.0.0.1:8080");
            let prepared = draft.prepare(Some(&environment), Secrets::Reveal);
            assert!(prepared.is_ok(), "{}: {prepared:?}", template.label);
        }
    }

    #[test]
    fn provider_templates_carry_their_keys_as_variables_and_the_headers_they_need() {
        let environment = environment();
        let prepared = |label| {
            Template::find(label)
                .expect("a template")
                .draft("")
                .prepare(Some(&environment), Secrets::Reveal)
                .expect("valid")
        };
        let anthropic = prepared("Anthropic Messages (stream)");
        let header = |name: &str| {
            anthropic
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(header("x-api-key"), Some("sk-a"));
        assert_eq!(header("anthropic-version"), Some("2023-06-01"));
        assert_eq!(
            header("anthropic-dangerous-direct-browser-access"),
            Some("true")
        );
        assert!(
            anthropic
                .body
                .is_some_and(|body| body.contains("\"model\": \"m-1\""))
        );
        let gemini = prepared("Google Gemini (stream)");
        assert_eq!(
            gemini.url,
            "https://generativelanguage.googleapis.com/v1beta/models/m-1:streamGenerateContent?alt=sse"
        );
        let openai = prepared("OpenAI Chat Completions (stream)");
        assert!(
            openai
                .headers
                .contains(&("Authorization".to_owned(), "Bearer sk-o".to_owned()))
        );
    }

    #[test]
    fn the_mcp_steps_accept_both_transports_and_chain_through_the_captured_session() {
        let environment = environment();
        let steps: Vec<_> = TEMPLATES
            .iter()
            .filter(|template| template.group == Group::Mcp && template.url == "/demo/mcp")
            .collect();
        assert_eq!(steps.len(), 8);
        for (n, step) in steps.iter().enumerate() {
            let prepared = step
                .draft("http://h")
                .prepare(Some(&environment), Secrets::Reveal)
                .expect("valid");
            let header = |name: &str| {
                prepared
                    .headers
                    .iter()
                    .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.as_str())
                    .collect::<Vec<_>>()
            };
            let accept = if step.method == Method::Get {
                "text/event-stream"
            } else {
                "application/json, text/event-stream"
            };
            assert_eq!(header("accept"), [accept], "{}", step.label);
            let session = if n == 0 { vec![] } else { vec!["s-1"] };
            assert_eq!(header("mcp-session-id"), session, "{}", step.label);
            assert_eq!(
                header("mcp-protocol-version"),
                ["2025-11-25"],
                "{}",
                step.label
            );
        }
        assert_eq!(
            steps[0].draft("").captures,
            [Capture::new("mcp_session_id", "header", "Mcp-Session-Id").expect("valid")]
        );
    }

    #[test]
    fn labels_are_unique() {
        let labels: std::collections::HashSet<_> =
            TEMPLATES.iter().map(|template| template.label).collect();
        assert_eq!(labels.len(), TEMPLATES.len());
    }

    #[test]
    fn every_demo_the_readme_lists_has_a_template() {
        // Regression (issue 15, item 9): echo, flood, resumable, forgetful and the broken kinds
        // were missing from "New from template" (the server's tests check the broken kinds
        // against its own list).
        let urls: Vec<&str> = TEMPLATES.iter().map(|template| template.url).collect();
        for demo in [
            "/demo/ticks",
            "/demo/echo",
            "/demo/flood",
            "/demo/resumable",
            "/demo/forgetful",
            "/demo/truncated",
        ] {
            assert!(urls.iter().any(|url| url.starts_with(demo)), "{demo}");
        }
    }

    #[test]
    fn the_default_request_asks_for_an_event_stream_from_the_ticks_demo() {
        let prepared = STARTER
            .draft("http://127.0.0.1:8080")
            .prepare(None, Secrets::Reveal)
            .expect("the default request is valid");
        assert_eq!(prepared.method, Method::Get);
        assert_eq!(
            prepared.url,
            "http://127.0.0.1:8080/demo/ticks?count=20&interval_ms=500"
        );
        assert_eq!(
            prepared.headers,
            [("Accept".to_owned(), "text/event-stream".to_owned())]
        );
        assert_eq!(prepared.body, None);
    }
}
