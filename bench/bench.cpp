// Benchmarks: the library against what users would pick instead, measured in one run.
// bench/run.sh turns the results into the table of ratios in the README.
#include <sfmc/sms.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <new>
#include <optional>
#include <string>
#include <vector>

// ---- Heap allocations, counted by replacing the global allocation functions. ----
namespace {
std::atomic<std::size_t> allocations{0};
}
void* operator new(std::size_t n)
{
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

// Runs `body` as the benchmark loop and reports heap allocations per iteration.
template <class Body>
void measure(benchmark::State& state, Body&& body)
{
    std::size_t const before = allocations.load();
    for (auto _ : state)
        body();
    state.counters["allocs"] = benchmark::Counter(static_cast<double>(allocations.load() - before) /
                                                  static_cast<double>(state.iterations()));
}

std::string fixture(char const* name)
{
    std::ifstream in(std::string(SFMC_SMS_BENCH_FIXTURES) + "/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// ---- Building the request ----

// Keys of 10 and 100 code points, ASCII and not.
std::string make_key(int code_points, bool ascii)
{
    std::string k;
    for (int i = 0; i < code_points; ++i)
        k += ascii ? std::string(1, static_cast<char>('a' + i % 26)) : std::string("\xC3\xA9"); // é
    return k;
}

std::string const host = "mc563885gzs27c5t9-63k636tzgm.rest.marketingcloudapis.com";
std::string const token_text(512, 'T'); // the longest token the API issues

void build_ours(benchmark::State& state, int code_points, bool ascii)
{
    auto const key_text = make_key(code_points, ascii);
    auto const rest = sfmc::sms::endpoint::from_subdomain("mc563885gzs27c5t9-63k636tzgm").value();
    auto const token = sfmc::sms::access_token::make(token_text).value();
    measure(state, [&] {
        auto key = sfmc::sms::message_key::make(key_text);
        auto req = sfmc::sms::make_status_request(rest, *key, token);
        benchmark::DoNotOptimize(req);
    });
}

// What users write today: curl_easy_escape and string concatenation of target and headers.
void build_handrolled(benchmark::State& state, int code_points, bool ascii)
{
    auto const key_text = make_key(code_points, ascii);
    CURL* curl = curl_easy_init();
    measure(state, [&] {
        char* escaped = curl_easy_escape(curl, key_text.data(), static_cast<int>(key_text.size()));
        std::string target = "/messaging/v1/sms/messages/" + std::string(escaped);
        curl_free(escaped);
        std::vector<std::string> headers{"Host: " + host, "Authorization: Bearer " + token_text,
                                         "Accept: application/json", "Content-Type: application/json"};
        benchmark::DoNotOptimize(target);
        benchmark::DoNotOptimize(headers);
    });
    curl_easy_cleanup(curl);
}

// ---- Decoding ----

// The same fields the library extracts, as users would declare them.
struct status_fields {
    std::string request_id, event_category_type, timestamp;
    std::optional<std::string> composite_id, message_key, contact_key, status_message;
    std::optional<int> status_code;
};

struct body_case {
    char const* name;
    std::string body;
    int status;
};

// Valid JSON for every contender: the Sent body without the trailing comma nlohmann and
// simdjson refuse, the NotSent one with its closing brace.
std::vector<body_case> const& bodies()
{
    static std::vector<body_case> const all = [] {
        auto sent = fixture("sent.json");
        sent.replace(sent.find("\"Astro25\","), 10, "\"Astro25\"");
        return std::vector<body_case>{{"sent", sent, 200},
                                      {"queued", fixture("queued.json"), 200},
                                      {"not_sent", fixture("not_sent_as_published.json") + "}", 200},
                                      {"error_429", fixture("rate_limited.json"), 429}};
    }();
    return all;
}

void decode_ours(benchmark::State& state, body_case const& c)
{
    sfmc::sms::http_response const res{c.status, {{"Content-Type", "application/json"}}, c.body};
    measure(state, [&] {
        auto r = sfmc::sms::decode_status(res);
        benchmark::DoNotOptimize(r);
    });
}

void decode_nlohmann(benchmark::State& state, body_case const& c)
{
    measure(state, [&] {
        auto const j = nlohmann::json::parse(c.body);
        status_fields out;
        if (c.status == 200) {
            out.request_id = j.at("requestId").get<std::string>();
            out.event_category_type = j.at("eventCategoryType").get<std::string>();
            out.timestamp = j.at("timestamp").get<std::string>();
            if (j.contains("compositeId"))
                out.composite_id = j["compositeId"].get<std::string>();
            if (j.contains("info")) {
                auto const& info = j["info"];
                if (info.contains("messageKey"))
                    out.message_key = info["messageKey"].get<std::string>();
                if (info.contains("contactKey"))
                    out.contact_key = info["contactKey"].get<std::string>();
                if (info.contains("statusCode"))
                    out.status_code = info["statusCode"].get<int>();
                if (info.contains("statusMessage"))
                    out.status_message = info["statusMessage"].get<std::string>();
            }
        } else {
            out.status_message = j.at("message").get<std::string>();
            out.status_code = j.at("errorcode").get<int>();
        }
        benchmark::DoNotOptimize(out);
    });
}

void decode_boost_dom(benchmark::State& state, body_case const& c)
{
    measure(state, [&] {
        auto v = boost::json::parse(c.body);
        benchmark::DoNotOptimize(v);
    });
}

void decode_simdjson(benchmark::State& state, body_case const& c)
{
    simdjson::ondemand::parser parser;
    simdjson::padded_string const padded(c.body);
    auto const text = [](simdjson::ondemand::value v) { return std::string(std::string_view(v.get_string().value())); };
    measure(state, [&] {
        status_fields out;
        auto doc = parser.iterate(padded);
        for (auto field : doc.get_object()) {
            std::string_view const key = field.unescaped_key().value();
            if (key == "requestId")
                out.request_id = text(field.value());
            else if (key == "eventCategoryType")
                out.event_category_type = text(field.value());
            else if (key == "timestamp")
                out.timestamp = text(field.value());
            else if (key == "compositeId")
                out.composite_id = text(field.value());
            else if (key == "message")
                out.status_message = text(field.value());
            else if (key == "errorcode")
                out.status_code = static_cast<int>(field.value().get_int64().value());
            else if (key == "info") {
                for (auto inner : field.value().get_object()) {
                    std::string_view const k = inner.unescaped_key().value();
                    if (k == "messageKey")
                        out.message_key = text(inner.value());
                    else if (k == "contactKey")
                        out.contact_key = text(inner.value());
                    else if (k == "statusCode")
                        out.status_code = static_cast<int>(inner.value().get_int64().value());
                    else if (k == "statusMessage")
                        out.status_message = text(inner.value());
                }
            }
        }
        benchmark::DoNotOptimize(out);
    });
}

int register_all()
{
    for (int n : {10, 100})
        for (bool ascii : {true, false}) {
            auto const name = std::to_string(n) + (ascii ? "_ascii" : "_nonascii");
            benchmark::RegisterBenchmark(("build/ours/" + name).c_str(), build_ours, n, ascii);
            benchmark::RegisterBenchmark(("build/handrolled/" + name).c_str(), build_handrolled, n, ascii);
        }
    for (auto const& c : bodies()) {
        std::string const n = c.name;
        benchmark::RegisterBenchmark(("decode/ours/" + n).c_str(), decode_ours, c);
        benchmark::RegisterBenchmark(("decode/boost_json_parse/" + n).c_str(), decode_boost_dom, c);
        benchmark::RegisterBenchmark(("decode/nlohmann/" + n).c_str(), decode_nlohmann, c);
        benchmark::RegisterBenchmark(("decode/simdjson/" + n).c_str(), decode_simdjson, c);
    }
    return 0;
}

int const registered = register_all();

} // namespace

BENCHMARK_MAIN();
