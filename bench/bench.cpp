// Benchmarks: the library against what users would pick instead, measured in one run.
// bench/run.sh turns the results into the table of ratios in the README.
#include <sfmc/sms.hpp>
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/signature.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
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

// ---- An ENS batch: verify the signature, then decode 1000 events ----

// 1000 events as ENS sends them (the emulator's shape): the five SMS types in turn, with
// `info`, `composite`, numbers and strings.
std::string ens_batch()
{
    boost::json::array events;
    char const* const types[] = {"SmsSent", "SmsDelivered", "SmsTransient", "SmsBounced", "SmsNotSent"};
    char const* const codes[] = {"", "4000", "3001", "4500", "47"};
    for (int i = 0; i < 1000; ++i) {
        boost::json::object info{{"messageKey", "order-" + std::to_string(1000000 + i)},
                                 {"to", "1555555" + std::to_string(1000 + i)},
                                 {"subscriberKey", "subscriber-" + std::to_string(i)}};
        if (i % 5 != 0) {
            info["statusCode"] = codes[i % 5];
            info[i % 5 == 4 ? "reason" : "statusMessage"] = "Status of message " + std::to_string(i);
            info["ordinal"] = "0";
            info["fromAddress"] = "55555";
            info["countryCode"] = "US";
        }
        events.push_back(boost::json::object{
            {"eventCategoryType", std::string("TransactionalSendEvents.") + types[i % 5]},
            {"timestampUTC", 1600698608530 + i},
            {"compositeId", "466651f2-9c28-e911-a261-78e3b50b4f00.2001070.44609.4153." + std::to_string(1251508322 + i)},
            {"composite", {{"jobId", "2001070"}, {"batchId", "4153"}, {"mobileNumber", "15555550100"},
                           {"subscriberId", std::to_string(1251508322 + i)}}},
            {"definitionKey", "order-updates"},
            {"definitionId", "466651f2-9c28-e911-a261-78e3b50b4f00"},
            {"mid", 1447640},
            {"eid", 1447640},
            {"info", std::move(info)}});
    }
    return boost::json::serialize(events);
}

struct signed_batch {
    std::string body = ens_batch();
    sfmc::sms::ens::signature_key key = *sfmc::sms::ens::signature_key::make("V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=");
    std::string signature = sfmc::sms::ens::sign(body, key);
    // What a hand-written receiver keeps: the key's bytes, decoded once.
    std::string key_bytes{key.reveal(sfmc::sms::ens::key_reading::base64_decoded)};
};

signed_batch const& batch()
{
    static signed_batch const b;
    return b;
}

// The fields the library reads of each event, as a hand-written receiver would keep them.
struct event_fields {
    std::string type, message_key, to, subscriber_key, definition_key, composite_id, status_code, status_message;
    std::int64_t timestamp = 0, mid = 0, eid = 0;
};

// The check every hand-written receiver does: HMAC-SHA256 by OpenSSL, base64, constant-time compare.
bool handwritten_verify(signed_batch const& b)
{
    unsigned char mac[32];
    unsigned int size = 0;
    HMAC(EVP_sha256(), b.key_bytes.data(), static_cast<int>(b.key_bytes.size()),
         reinterpret_cast<unsigned char const*>(b.body.data()), b.body.size(), mac, &size);
    unsigned char text[45];
    EVP_EncodeBlock(text, mac, 32);
    return b.signature.size() == 44 && CRYPTO_memcmp(text, b.signature.data(), 44) == 0;
}

void ens_ours(benchmark::State& state, sfmc::sms::ens::key_reading reading)
{
    auto const& b = batch();
    measure(state, [&] {
        if (!sfmc::sms::ens::verify(b.body, b.signature, {b.key}, reading))
            state.SkipWithError("signature refused");
        auto events = sfmc::sms::ens::decode_batch(b.body);
        benchmark::DoNotOptimize(events);
    });
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1000);
}

void ens_nlohmann(benchmark::State& state)
{
    auto const& b = batch();
    auto const text = [](nlohmann::json const& o, char const* k) {
        auto const it = o.find(k);
        if (it == o.end())
            return std::string();
        return it->is_string() ? it->get<std::string>() : it->dump();
    };
    measure(state, [&] {
        if (!handwritten_verify(b))
            state.SkipWithError("signature refused");
        auto const j = nlohmann::json::parse(b.body);
        std::vector<event_fields> out;
        out.reserve(j.size());
        for (auto const& e : j) {
            event_fields f;
            f.type = text(e, "eventCategoryType");
            f.timestamp = e.value("timestampUTC", std::int64_t{0});
            f.definition_key = text(e, "definitionKey");
            f.composite_id = text(e, "compositeId");
            f.mid = e.value("mid", std::int64_t{0});
            f.eid = e.value("eid", std::int64_t{0});
            if (auto const info = e.find("info"); info != e.end()) {
                f.message_key = text(*info, "messageKey");
                f.to = text(*info, "to");
                f.subscriber_key = text(*info, "subscriberKey");
                f.status_code = text(*info, "statusCode");
                f.status_message = text(*info, info->contains("statusMessage") ? "statusMessage" : "reason");
            }
            out.push_back(std::move(f));
        }
        benchmark::DoNotOptimize(out);
    });
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1000);
}

void ens_simdjson(benchmark::State& state)
{
    auto const& b = batch();
    simdjson::ondemand::parser parser;
    auto const text = [](simdjson::ondemand::value v) {
        std::string_view s;
        if (v.get_string().get(s) == simdjson::SUCCESS)
            return std::string(s);
        return std::string(std::string_view(v.raw_json_token()));
    };
    measure(state, [&] {
        if (!handwritten_verify(b))
            state.SkipWithError("signature refused");
        // A receiver gets the body in a buffer of its own: the padded copy is part of the work.
        simdjson::padded_string const padded(b.body);
        std::vector<event_fields> out;
        out.reserve(1000);
        auto doc = parser.iterate(padded);
        for (auto element : doc.get_array()) {
            event_fields f;
            for (auto field : element.get_object()) {
                std::string_view const key = field.unescaped_key().value();
                if (key == "eventCategoryType")
                    f.type = text(field.value());
                else if (key == "timestampUTC")
                    f.timestamp = field.value().get_int64().value();
                else if (key == "definitionKey")
                    f.definition_key = text(field.value());
                else if (key == "compositeId")
                    f.composite_id = text(field.value());
                else if (key == "mid")
                    f.mid = field.value().get_int64().value();
                else if (key == "eid")
                    f.eid = field.value().get_int64().value();
                else if (key == "info")
                    for (auto inner : field.value().get_object()) {
                        std::string_view const k = inner.unescaped_key().value();
                        if (k == "messageKey")
                            f.message_key = text(inner.value());
                        else if (k == "to")
                            f.to = text(inner.value());
                        else if (k == "subscriberKey")
                            f.subscriber_key = text(inner.value());
                        else if (k == "statusCode")
                            f.status_code = text(inner.value());
                        else if (k == "statusMessage" || k == "reason")
                            f.status_message = text(inner.value());
                    }
            }
            out.push_back(std::move(f));
        }
        benchmark::DoNotOptimize(out);
    });
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1000);
}

int register_all()
{
    using sfmc::sms::ens::key_reading;
    benchmark::RegisterBenchmark("ens_batch/ours/base64_key", ens_ours, key_reading::base64_decoded);
    benchmark::RegisterBenchmark("ens_batch/ours/either_reading", ens_ours, key_reading::either);
    benchmark::RegisterBenchmark("ens_batch/nlohmann", ens_nlohmann);
    benchmark::RegisterBenchmark("ens_batch/simdjson", ens_simdjson);

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
