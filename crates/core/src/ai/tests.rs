//! Each dialect's assembler on the server crate's recorded samples (which follow the providers'
//! documented formats), fed through the decoder in many chunkings: the answer must not depend on
//! where the network split the stream.

use super::answer::Answer;
use super::builder::AnswerBuilder;
use super::dialect::Dialect;
use super::token_timing::TokenTiming;
use crate::session::reading::Reading;
use crate::test_streams::{received_as, received_in_pieces};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../server/fixtures/ai/", $name, ".sse"))
    };
}

/// The answer of `stream` received in `chunks` pieces cut at `cuts`, one chunk per 10 ms (an
/// NDJSON stream — its first byte `{` — as `application/x-ndjson`).
fn answer_of(stream: &str, cuts: &[usize]) -> Option<Answer> {
    read_with(stream, cuts, &Reading::default())
}

/// As [`answer_of`], for a request that said `reading`.
fn read_with(stream: &str, cuts: &[usize], reading: &Reading) -> Option<Answer> {
    let mut log = if stream.starts_with('{') {
        received_as("application/x-ndjson", stream, cuts)
    } else {
        received_in_pieces(stream, cuts)
    };
    log.sent.reading = reading.clone();
    let mut builder = AnswerBuilder::default();
    builder.sync(&log).cloned()
}

/// The answer, checked to be the same in many chunkings (times aside: they follow the chunks).
fn answer(stream: &str) -> Answer {
    answer_read(stream, &Reading::default())
}

/// As [`answer`], for a request that said `reading`.
fn answer_read(stream: &str, reading: &Reading) -> Answer {
    let answer_of = |stream: &str, cuts: &[usize]| read_with(stream, cuts, reading);
    let whole = answer_of(stream, &[]).expect("an AI stream");
    let without_times = |answer: Answer| Answer {
        delta_times: Vec::new(),
        ..answer
    };
    let expected = without_times(whole.clone());
    let len = stream.len();
    let mut seed = 0x2545_f491_u64;
    for cut in (0..len).step_by(7) {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let second = cut + (seed >> 33) as usize % (len - cut + 1);
        let split = answer_of(stream, &[cut, second]).expect("an AI stream");
        assert_eq!(without_times(split), expected, "cut at {cut} and {second}");
    }
    whole
}

#[test]
fn openai_chat_tool_calls_are_assembled_from_fragments_keyed_by_index() {
    let answer = answer(fixture!("openai-chat-tools"));
    assert_eq!(answer.dialect, Dialect::OpenAiChat);
    assert_eq!(answer.model.as_deref(), Some("gpt-4o-mini"));
    assert_eq!(answer.text, "Let me check the weather.");
    let calls: Vec<_> = answer
        .tool_calls
        .iter()
        .map(|call| {
            (
                call.id.as_str(),
                call.name.as_str(),
                call.pretty_arguments(),
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            (
                "call_paris",
                "get_weather",
                Ok("{\n  \"city\": \"Paris\",\n  \"unit\": \"c\"\n}".to_owned())
            ),
            (
                "call_tokyo",
                "get_weather",
                Ok("{\n  \"city\": \"Tokyo\"\n}".to_owned())
            ),
        ]
    );
    assert_eq!(answer.finish_reason.as_deref(), Some("tool_calls"));
    assert_eq!(
        (answer.usage.input, answer.usage.output, answer.usage.total),
        (Some(82), Some(41), Some(123))
    );
    assert!(answer.is_terminated, "[DONE] ends it");
    assert_eq!(answer.not_json, (0, None), "[DONE] is not a JSON error");
    assert!(answer.errors.is_empty());
}

#[test]
fn openai_compatible_reasoning_is_kept_apart_and_a_missing_done_is_noticed() {
    let answer = answer(fixture!("openai-chat-no-done"));
    assert_eq!(answer.reasoning, "The user greets me; answer briefly.");
    assert_eq!(answer.text, "Hello there! 👋");
    assert!(!answer.is_terminated);
    assert_eq!(answer.delta_times.len(), 4);
}

#[test]
fn openai_responses_events_give_reasoning_text_a_function_call_and_usage() {
    let answer = answer(fixture!("openai-responses"));
    assert_eq!(answer.dialect, Dialect::OpenAiResponses);
    assert_eq!(answer.model.as_deref(), Some("gpt-5-mini"));
    assert_eq!(answer.reasoning, "**Planning** a short answer.");
    assert_eq!(answer.text, "Streams flow; events arrive.");
    assert_eq!(answer.tool_calls.len(), 1);
    let call = &answer.tool_calls[0];
    assert_eq!(
        (
            call.id.as_str(),
            call.name.as_str(),
            call.arguments.as_str(),
            call.is_complete
        ),
        ("call_fx3", "save_poem", "{\"title\":\"Flow\"}", true)
    );
    assert_eq!(answer.finish_reason.as_deref(), Some("completed"));
    assert_eq!(
        (answer.usage.output, answer.usage.reasoning),
        (Some(64), Some(40))
    );
    assert!(answer.is_terminated);
}

#[test]
fn anthropic_thinking_text_and_tool_input_are_assembled_per_block() {
    let answer = answer(fixture!("anthropic-thinking-tools"));
    assert_eq!(answer.dialect, Dialect::Anthropic);
    assert_eq!(
        answer.reasoning,
        "The user wants the weather; I should call the tool."
    );
    assert_eq!(
        answer.text,
        "Okay, let's check the weather for San Francisco, CA:"
    );
    let call = &answer.tool_calls[0];
    assert_eq!(
        (call.id.as_str(), call.name.as_str()),
        ("toolu_fx4", "get_weather")
    );
    assert_eq!(
        call.pretty_arguments().as_deref(),
        Ok("{\n  \"location\": \"San Francisco, CA\",\n  \"unit\": \"fahrenheit\"\n}")
    );
    assert_eq!(answer.finish_reason.as_deref(), Some("tool_use"));
    assert_eq!(
        (answer.usage.input, answer.usage.output),
        (Some(472), Some(89))
    );
    assert!(answer.is_terminated);
}

#[test]
fn an_anthropic_error_event_mid_stream_is_reported_and_the_stream_is_incomplete() {
    let answer = answer(fixture!("anthropic-error"));
    assert_eq!(answer.text, "Here is the first part of");
    assert_eq!(answer.errors.len(), 1);
    assert_eq!(answer.errors[0].message, "overloaded_error: Overloaded");
    assert_eq!(answer.errors[0].event, 4);
    assert!(!answer.is_terminated);
}

#[test]
fn gemini_thoughts_text_and_whole_function_calls() {
    let answer = answer(fixture!("gemini"));
    assert_eq!(answer.dialect, Dialect::Gemini);
    assert_eq!(
        answer.reasoning,
        "**Considering units** Celsius fits Tokyo."
    );
    assert_eq!(answer.text, "It is mild in Tokyo today; I will log it.");
    assert_eq!(answer.tool_calls[0].name, "log_weather");
    assert_eq!(
        answer.tool_calls[0].pretty_arguments().as_deref(),
        Ok("{\n  \"city\": \"Tokyo\",\n  \"celsius\": 18\n}")
    );
    assert_eq!(answer.finish_reason.as_deref(), Some("STOP"));
    assert_eq!(
        (answer.usage.reasoning, answer.usage.total),
        (Some(22), Some(54))
    );
    assert!(answer.is_terminated);
}

#[test]
fn an_invalid_tool_argument_text_is_flagged_not_hidden() {
    let stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\": \"}}]}}]}\n\ndata: [DONE]\n\n";
    let answer = answer(stream);
    let result = answer.tool_calls[0].pretty_arguments();
    assert!(result.is_err_and(|message| message.starts_with("not valid JSON")));
}

#[test]
fn other_streams_have_no_answer() {
    let ticks: String = (0..20)
        .map(|n| format!("event: tick\ndata: {{\"n\":{n}}}\n\n"))
        .collect();
    assert_eq!(answer_of(&ticks, &[]), None);
}

#[test]
fn token_timing_follows_the_deltas() {
    // One chunk per 10 ms; the first chunk (400 bytes) ends inside the first text event, so
    // the first token arrives with the second chunk.
    let answer = answer_of(fixture!("openai-chat-tools"), &[400, 1200, 2000]).expect("AI");
    let timing = TokenTiming::of(&answer.delta_times).expect("deltas");
    assert_eq!(timing.deltas, 6);
    assert_eq!(timing.first_token_ms, 20.0);
}

#[test]
fn markdown_quotes_reasoning_and_fences_tool_calls() {
    let answer = answer(fixture!("anthropic-thinking-tools"));
    let markdown = answer.to_markdown();
    assert!(markdown.starts_with("> The user wants the weather; I should call the tool.\n\nOkay"));
    assert!(markdown.contains("**Tool call** `get_weather`\n\n```json\n{\n  \"location\""));
    assert!(markdown.ends_with("_Finish reason: tool_use_\n"));
}

#[test]
fn ollama_native_chat_is_assembled_from_ndjson_records_until_done() {
    let stream = include_str!("../../../server/fixtures/ai/ollama-chat.ndjson");
    let answer = answer(stream);
    assert_eq!(answer.dialect, Dialect::Ollama);
    assert_eq!(answer.model.as_deref(), Some("qwen3"));
    assert_eq!(answer.reasoning, "The user asks about SSE. Keep it short.");
    assert_eq!(answer.text, "Server-sent events push text over HTTP.");
    let calls: Vec<_> = answer
        .tool_calls
        .iter()
        .map(|call| (call.name.as_str(), call.arguments.as_str()))
        .collect();
    assert_eq!(
        calls,
        [("get_weather", r#"{"city":"Paris","unit":"celsius"}"#)]
    );
    assert_eq!(answer.finish_reason.as_deref(), Some("stop"));
    assert_eq!(
        (answer.usage.input, answer.usage.output),
        (Some(26), Some(282))
    );
    assert!(answer.is_terminated);
    // Without its last record it is incomplete.
    let cut = stream
        .trim_end()
        .rsplit_once('\n')
        .map_or("", |(head, _)| head);
    assert!(!answer_of(cut, &[]).expect("still Ollama").is_terminated);
}

#[test]
fn ollama_native_generate_is_assembled_from_its_responses() {
    let answer = answer(include_str!(
        "../../../server/fixtures/ai/ollama-generate.ndjson"
    ));
    assert_eq!(answer.dialect, Dialect::Ollama);
    assert_eq!(answer.model.as_deref(), Some("llama3.2"));
    assert_eq!(
        answer.text,
        "The sky is blue because of Rayleigh scattering."
    );
    assert_eq!(
        (answer.usage.input, answer.usage.output),
        (Some(26), Some(6))
    );
    assert!(answer.is_terminated);
    assert_eq!(answer.delta_times.len(), 5);
}

#[test]
fn the_ai_sdk_ui_message_stream_gives_reasoning_text_parts_and_a_tool_call() {
    let answer = answer(fixture!("ai-sdk-ui"));
    assert_eq!(answer.dialect, Dialect::AiSdk);
    assert_eq!(
        answer.reasoning,
        "The user wants the weather; look it up first."
    );
    assert_eq!(
        answer.text,
        "Let me check the weather in Berlin.\n\nIt is 18 °C and cloudy in Berlin."
    );
    let call = &answer.tool_calls[0];
    assert_eq!(
        (
            call.id.as_str(),
            call.name.as_str(),
            call.arguments.as_str(),
            call.is_complete
        ),
        ("call_fx6", "getWeather", r#"{"city":"Berlin"}"#, true)
    );
    // The tool's output, as JSON text, shown pretty.
    assert_eq!(
        call.result.as_deref(),
        Some(r#"{"temperature":18,"conditions":"cloudy"}"#)
    );
    assert_eq!(
        call.shown_result().as_deref(),
        Some("{\n  \"temperature\": 18,\n  \"conditions\": \"cloudy\"\n}")
    );
    assert_eq!(answer.finish_reason.as_deref(), Some("stop"));
    assert!(answer.is_terminated, "[DONE] ends it");
    assert_eq!(answer.not_json, (0, None));
    // Without its [DONE] it is incomplete.
    let cut = fixture!("ai-sdk-ui").replace("data: [DONE]\n\n", "");
    assert!(
        !answer_of(&cut, &[])
            .expect("still the AI SDK")
            .is_terminated
    );
}

#[test]
fn ag_ui_chunked_tool_calls_are_complete_when_the_next_starts_or_the_run_finishes() {
    let chunk = |id: &str, name: &str, delta: &str| {
        format!(
            "data: {{\"type\":\"TOOL_CALL_CHUNK\",\"toolCallId\":\"{id}\",\
             \"toolCallName\":\"{name}\",\"delta\":\"{delta}\"}}\n\n"
        )
    };
    let started = format!(
        "data: {{\"type\":\"RUN_STARTED\",\"runId\":\"r\"}}\n\n{}{}{}",
        chunk("a", "first", "{}"),
        chunk("b", "second", "{\\\"x\\\":"),
        chunk("b", "second", "1}"),
    );
    let open = answer(&started);
    let complete = |answer: &Answer| -> Vec<(String, String, bool)> {
        answer
            .tool_calls
            .iter()
            .map(|call| (call.name.clone(), call.arguments.clone(), call.is_complete))
            .collect()
    };
    assert_eq!(
        complete(&open),
        [
            ("first".into(), "{}".into(), true),
            ("second".into(), r#"{"x":1}"#.into(), false)
        ]
    );
    let finished = answer(&format!(
        "{started}data: {{\"type\":\"RUN_FINISHED\",\"runId\":\"r\"}}\n\n"
    ));
    assert!(complete(&finished).iter().all(|(_, _, done)| *done));
    assert_eq!(finished.order_faults, []);
}

#[test]
fn a_result_for_a_call_the_stream_did_not_make_is_left_out() {
    let stream = "data: {\"type\":\"RUN_STARTED\",\"runId\":\"r\"}\n\n\
        data: {\"type\":\"TOOL_CALL_RESULT\",\"toolCallId\":\"elsewhere\",\"content\":\"x\"}\n\n\
        data: {\"type\":\"RUN_FINISHED\",\"runId\":\"r\"}\n\n";
    let answer = answer(stream);
    assert_eq!(answer.tool_calls, []);
    assert!(answer.is_terminated);
}

#[test]
fn a_tool_input_that_was_not_streamed_comes_whole() {
    let stream = "data: {\"type\":\"start\"}\n\n\
        data: {\"type\":\"tool-input-available\",\"toolCallId\":\"c1\",\"toolName\":\"now\",\"input\":{}}\n\n\
        data: {\"type\":\"finish\"}\n\ndata: [DONE]\n\n";
    let answer = answer(stream);
    assert_eq!(answer.tool_calls[0].arguments, "{}");
    assert!(answer.tool_calls[0].is_complete);
    assert_eq!(answer.order_faults, []);
}

#[test]
fn ag_ui_events_give_reasoning_messages_and_a_tool_call() {
    let answer = answer(fixture!("ag-ui"));
    assert_eq!(answer.dialect, Dialect::AgUi);
    assert_eq!(answer.reasoning, "A flight search needs the dates first.");
    assert_eq!(
        answer.text,
        "Searching flights to Lisbon…\n\nI found 3 flights."
    );
    let call = &answer.tool_calls[0];
    assert_eq!(
        (call.id.as_str(), call.name.as_str(), call.is_complete),
        ("call_fx7", "searchFlights", true)
    );
    assert_eq!(call.result.as_deref(), Some("3 flights found"));
    assert!(
        answer
            .to_markdown()
            .contains("**Result**\n\n```\n3 flights found\n```"),
        "{}",
        answer.to_markdown()
    );
    assert_eq!(
        call.pretty_arguments().as_deref(),
        Ok("{\n  \"to\": \"LIS\",\n  \"date\": \"2026-12-04\"\n}")
    );
    assert!(answer.is_terminated);
    // A run error is reported, and the run is incomplete.
    let failed = fixture!("ag-ui").replace(
        r#"{"type":"RUN_FINISHED","threadId":"thread_fx7","runId":"run_fx7"}"#,
        r#"{"type":"RUN_ERROR","message":"Rate limited","code":"429"}"#,
    );
    let answer = answer_of(&failed, &[]).expect("still AG-UI");
    assert_eq!(answer.errors[0].message, "429: Rate limited");
    assert!(!answer.is_terminated);
}

/// The stream `stream` with the event blocks whose text contains `needle` removed.
fn without(stream: &str, needle: &str) -> String {
    stream
        .split_inclusive("\n\n")
        .filter(|block| !block.contains(needle))
        .collect()
}

/// The titles of the order faults of `stream` (the same in every chunking).
fn order_faults(stream: &str) -> Vec<String> {
    answer(stream)
        .order_faults
        .into_iter()
        .map(|fault| fault.title)
        .collect()
}

#[test]
fn every_recorded_sample_is_in_protocol_order() {
    for stream in [
        fixture!("openai-chat-tools"),
        fixture!("openai-chat-no-done"),
        fixture!("openai-responses"),
        fixture!("anthropic-thinking-tools"),
        fixture!("anthropic-error"),
        fixture!("gemini"),
        fixture!("ai-sdk-ui"),
        fixture!("ag-ui"),
        include_str!("../../../server/fixtures/ai/ollama-chat.ndjson"),
        include_str!("../../../server/fixtures/ai/ollama-generate.ndjson"),
    ] {
        assert_eq!(order_faults(stream), Vec::<String>::new(), "{stream}");
    }
}

#[test]
fn an_anthropic_block_whose_stop_is_missing_is_one_fault_naming_the_block_and_event() {
    let sample = fixture!("anthropic-thinking-tools");
    // Block 1's stop is the second content_block_stop; without it block 2 starts at event #11.
    let stops: Vec<usize> = sample
        .match_indices("event: content_block_stop\n")
        .map(|(at, _)| at)
        .collect();
    let block_end = |at: usize| at + sample[at..].find("\n\n").expect("block end") + 2;
    let cut = format!("{}{}", &sample[..stops[1]], &sample[block_end(stops[1])..]);
    assert_eq!(
        order_faults(&cut),
        [
            "Content block 1 (started at event #7) was not stopped before content_block_start \
          of block 2 at event #11"
        ]
    );
    // The last block's: message_delta finds it open.
    let last = stops[stops.len() - 1];
    let cut = format!("{}{}", &sample[..last], &sample[block_end(last)..]);
    let faults = order_faults(&cut);
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert!(
        faults[0].starts_with(
            "Content block 2 (started at event #12) was not stopped before message_delta"
        ),
        "{faults:?}"
    );
}

#[test]
fn anthropic_blocks_out_of_order_and_deltas_after_a_stop_are_faults() {
    let sample = fixture!("anthropic-thinking-tools");
    let skipped = sample.replace("\"index\":2", "\"index\":3");
    assert_eq!(
        order_faults(&skipped),
        ["Content block 3 started at event #12 where block 2 was due"]
    );
    let late = format!(
        "{sample}event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"!\"}}}}\n\n"
    );
    let faults = order_faults(&late);
    assert_eq!(faults.len(), 2, "{faults:?}");
    assert!(faults[0].starts_with("Event #"), "{faults:?}");
    assert!(faults[0].contains("came after the stream's terminator (message_stop at event #"));
    assert!(faults[1].contains("for content block 0 at event #"));
    assert!(faults[1].ends_with("came after its content_block_stop (event #6)"));
}

#[test]
fn data_after_the_terminator_is_one_fault_however_much_follows() {
    let sample = fixture!("openai-chat-tools");
    let chunk = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"more\"}}]}\n\n";
    let faults = order_faults(&format!("{sample}{chunk}{chunk}{chunk}"));
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert!(faults[0].contains("terminator (data: [DONE] at event #"));
}

#[test]
fn openai_responses_sequence_numbers_must_increase() {
    let sample = fixture!("openai-responses");
    let swapped = sample
        .replace("\"sequence_number\":7,", "\"sequence_number\":X,")
        .replace("\"sequence_number\":8,", "\"sequence_number\":7,")
        .replace("\"sequence_number\":X,", "\"sequence_number\":8,");
    assert_eq!(
        order_faults(&swapped),
        ["Sequence_number 7 at event #9 does not follow 8 (event #8)"]
    );
}

#[test]
fn openai_responses_deltas_name_an_output_item_added_before_and_not_done() {
    let sample = fixture!("openai-responses");
    // The message item's `added` left out: one fault, at its first delta (event #6 now).
    assert_eq!(
        order_faults(&without(sample, r#""item":{"id":"msg_fx3""#)),
        [
            "Response.output_text.delta for output item \u{201c}msg_fx3\u{201d} at event #6 came \
             before its response.output_item.added"
        ]
    );
    // A delta after its item is done (a `.done` inserted after the first text delta).
    let first_delta = r#""sequence_number":6,"#;
    let done = "data: {\"type\":\"response.output_item.done\",\"item\":{\"id\":\"msg_fx3\"}}\n\n";
    let blocks: Vec<&str> = sample.split_inclusive("\n\n").collect();
    let mut with_done = String::new();
    for block in blocks {
        with_done.push_str(block);
        if block.contains(first_delta) {
            with_done.push_str(done);
        }
    }
    assert_eq!(
        order_faults(&with_done),
        [
            "Response.output_text.delta for output item \u{201c}msg_fx3\u{201d} at event #9 came \
             after its response.output_item.done (event #8)"
        ]
    );
}

#[test]
fn ai_sdk_parts_are_started_before_their_deltas_and_ended_before_finish() {
    let sample = fixture!("ai-sdk-ui");
    assert_eq!(
        order_faults(&without(sample, r#""type":"text-end","id":"text_fx6b""#)),
        [
            "Text part \u{201c}text_fx6b\u{201d} (started at event #18) was not stopped before \
          finish at event #22"
        ]
    );
    assert_eq!(
        order_faults(&without(sample, r#""type":"text-start","id":"text_fx6a""#)),
        [
            "Text-delta for text part \u{201c}text_fx6a\u{201d} at event #7 came before its text-start"
        ]
    );
}

#[test]
fn ag_ui_messages_and_tool_calls_are_opened_before_use_and_closed() {
    let sample = fixture!("ag-ui");
    assert_eq!(
        order_faults(&without(sample, r#""type":"TOOL_CALL_END""#)),
        [
            "Tool call \u{201c}call_fx7\u{201d} (started at event #14) was not stopped before \
          RUN_FINISHED at event #22"
        ]
    );
    assert_eq!(
        order_faults(&without(
            sample,
            r#""type":"TEXT_MESSAGE_START","messageId":"msg_fx7b""#
        )),
        [
            "TEXT_MESSAGE_CONTENT for text message \u{201c}msg_fx7b\u{201d} at event #20 came \
          before its TEXT_MESSAGE_START"
        ]
    );
    // A second run after a finished one is not data after the terminator.
    let twice = format!("{sample}{sample}");
    assert_eq!(order_faults(&twice), Vec::<String>::new());
}

#[test]
fn a_request_s_own_rule_assembles_a_stream_in_no_known_dialect() {
    let stream = concat!(
        "{\"seq\":1,\"kind\":\"delta\",\"delta\":{\"text\":\"Hello\"}}\n",
        "{\"seq\":2,\"kind\":\"think\",\"thought\":\"greet back\"}\n",
        "{\"seq\":3,\"kind\":\"delta\",\"delta\":{\"text\":\" world\"},\"stop\":null}\n",
        "{\"seq\":4,\"kind\":\"tool\",\"tool\":{\"name\":\"lookup\",\"args\":{\"q\":\"x\"}}}\n",
        "{\"seq\":5,\"kind\":\"end\",\"stop\":\"length\"}\n",
    );
    assert_eq!(answer_of(stream, &[]), None, "no dialect without the rule");
    let reading = Reading {
        text: "$.delta.text".into(),
        reasoning: "$.thought".into(),
        tool_name: "$.tool.name".into(),
        tool_arguments: "$.tool.args".into(),
        finish: "$.stop".into(),
        ..Reading::default()
    };
    let answer = answer_read(stream, &reading);
    assert_eq!(answer.dialect, Dialect::Rule);
    assert_eq!(answer.text, "Hello world");
    assert_eq!(answer.reasoning, "greet back");
    let call = &answer.tool_calls[0];
    assert_eq!(
        (
            call.name.as_str(),
            call.arguments.as_str(),
            call.is_complete
        ),
        ("lookup", r#"{"q":"x"}"#, true)
    );
    assert_eq!(answer.finish_reason.as_deref(), Some("length"));
    assert!(answer.is_terminated);
    assert_eq!(answer.delta_times.len(), 4);
    // Without its last record it is incomplete; the rule wins over a detected dialect.
    let cut = stream.rsplitn(3, '\n').nth(2).expect("lines");
    assert!(
        !read_with(cut, &[], &reading)
            .expect("the rule")
            .is_terminated
    );
    let ollama = include_str!("../../../server/fixtures/ai/ollama-chat.ndjson");
    let text_only = Reading {
        text: "$.message.role".into(),
        ..Reading::default()
    };
    assert_eq!(
        read_with(ollama, &[], &text_only).map(|answer| answer.dialect),
        Some(Dialect::Rule)
    );
}
