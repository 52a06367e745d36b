// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_JSON_ROUTE_HPP
#define SFMC_SMS_DETAIL_JSON_ROUTE_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_json.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_answer.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/request_builder.hpp>
#include <sfmc/sms/detail/text.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/message_key.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the JSON routes of the platform API (the ENS management calls) share: the request
// (method, route, an optional id as one path segment, a JSON body) and the answer, small
// enough to read as a Boost.JSON value, read leniently field by field.
namespace sfmc::sms::detail {

inline constexpr std::string_view json_media_type = "application/json";

// `{method} {base}{route}[/{id}]` with Host, the bearer token, Accept and, with a body,
// Content-Type. The id is percent-encoded as one segment, like a message key.
inline http_request make_json_request(http_name method, endpoint const& rest, std::string_view route,
                                      std::string_view id, access_token const& token, std::string_view body = {})
{
    http_request req;
    request_builder b(req, method, rest,
                      request_builder::path_room(route) + 1 + request_builder::path_room(id) +
                          request_builder::bearer_room(token) + 2 * json_media_type.size() + body.size());
    b.path(route);
    if (!id.empty())
        b.path("/").segment(id);
    b.bearer(token).header("Accept", json_media_type);
    if (!body.empty())
        b.json_body(body);
    b.finish();
    return req;
}

// The member named `key`, matched exactly, else without regard to case (ENS's documents
// write the same field more than one way); null when absent.
inline boost::json::value const* find_member(boost::json::object const& o, std::string_view key) noexcept
{
    if (auto const* v = o.if_contains(key))
        return v;
    for (auto const& m : o)
        if (ci_is_equal(m.key(), key))
            return &m.value();
    return nullptr;
}

// Reads one answer object's fields leniently (a number where a string is expected and a
// string of digits where a number is, null as absent), and keeps the first field that will
// not do: "[1].maxBatchSize is an array, expected an integer".
class answer_object {
public:
    answer_object(boost::json::object const& o, std::string where) : object_(o), where_(std::move(where)) {}

    std::optional<std::string> text(std::string_view key)
    {
        auto const* v = find_member(object_, key);
        if (!v || v->is_null())
            return std::nullopt;
        if (auto const* s = v->if_string())
            return std::string(*s);
        if (v->is_int64() || v->is_uint64())
            return boost::json::serialize(*v);
        wrong(key, *v, "a string");
        return std::nullopt;
    }

    std::string required_text(std::string_view key)
    {
        auto t = text(key);
        if (!t && !error_)
            error_.emplace(error::missing_field, "field \"" + where_ + std::string(key) + "\" is missing");
        return t.value_or("");
    }

    std::optional<int> integer(std::string_view key)
    {
        auto const n = integer_in(key, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(),
                                  "an integer that fits an int");
        return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
    }

    std::optional<std::int64_t> integer64(std::string_view key)
    {
        return integer_in(key, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                          "an integer that fits 64 bits");
    }

    // A member that must be an object when present (null: absent).
    boost::json::object const* object(std::string_view key)
    {
        auto const* v = find_member(object_, key);
        if (!v || v->is_null())
            return nullptr;
        if (auto const* o = v->if_object())
            return o;
        wrong(key, *v, "an object");
        return nullptr;
    }

    std::vector<std::string> texts(std::string_view key)
    {
        std::vector<std::string> out;
        auto const* v = find_member(object_, key);
        if (!v || v->is_null())
            return out;
        auto const* a = v->if_array();
        if (!a) {
            wrong(key, *v, "an array of strings");
            return out;
        }
        for (auto const& e : *a) {
            if (auto const* s = e.if_string())
                out.emplace_back(*s);
            else
                wrong(key, *v, "an array of strings");
        }
        return out;
    }

    std::optional<failure> const& error() const noexcept { return error_; }

private:
    // An integer, or a string of digits, within [low, high].
    std::optional<std::int64_t> integer_in(std::string_view key, std::int64_t low, std::int64_t high, char const* wanted)
    {
        auto const* v = find_member(object_, key);
        if (!v || v->is_null())
            return std::nullopt;
        json_field f{key};
        if (auto const* i = v->if_int64()) {
            f.kind = json_kind::integer;
            f.integer = *i;
        } else if (auto const* s = v->if_string()) {
            f.kind = json_kind::string;
            f.text = std::string(*s);
        }
        auto const n = integer_of(f);
        if (n && *n >= low && *n <= high)
            return n;
        wrong(key, *v, wanted);
        return std::nullopt;
    }

    void wrong(std::string_view key, boost::json::value const& v, char const* wanted)
    {
        if (!error_)
            error_.emplace(error::wrong_field_type,
                           "field \"" + where_ + std::string(key) + "\" is " + kind_of(v) + ", expected " + wanted);
    }

    static char const* kind_of(boost::json::value const& v) noexcept
    {
        switch (v.kind()) {
        case boost::json::kind::null: return "null";
        case boost::json::kind::bool_: return "a boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64: return "an integer";
        case boost::json::kind::double_: return "a number";
        case boost::json::kind::string: return "a string";
        case boost::json::kind::array: return "an array";
        case boost::json::kind::object: return "an object";
        }
        return "?";
    }

    boost::json::object const& object_;
    std::string where_;
    std::optional<failure> error_;
};

// The objects of an answer that lists things: a JSON array of objects, or one object alone
// (read as a list of one). `read(answer_object&)` makes one value; the first field that
// will not do fails the whole answer, nothing half-decoded.
template <class T, class Read>
api_result<std::vector<T>> decode_json_list(http_response const& res, decode_options const& opt, Read read)
{
    auto parsed = decode_json(res, opt);
    if (!parsed)
        return std::move(parsed).error();
    std::vector<T> out;
    auto fail = [&](failure f) {
        f.http_status = res.status;
        return f;
    };
    auto read_one = [&](boost::json::value const& v, std::string where) -> std::optional<failure> {
        auto const* o = v.if_object();
        if (!o)
            return failure(error::not_an_object, (where.empty() ? "the answer" : where) + " is not an object");
        answer_object fields(*o, std::move(where));
        T value = read(fields);
        if (fields.error())
            return *fields.error();
        out.push_back(std::move(value));
        return std::nullopt;
    };
    if (auto const* a = parsed->if_array()) {
        out.reserve(a->size());
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto why = read_one((*a)[i], '[' + std::to_string(i) + "]."))
                return fail(std::move(*why));
    } else if (auto why = read_one(*parsed, "")) {
        return fail(std::move(*why));
    }
    return out;
}

// One thing: an object, or a list of exactly one.
template <class T, class Read>
api_result<T> decode_json_one(http_response const& res, decode_options const& opt, Read read)
{
    auto list = decode_json_list<T>(res, opt, read);
    if (!list)
        return std::move(list).error();
    if (list->size() != 1) {
        failure f(error::not_an_object, "the answer lists " + std::to_string(list->size()) + " items, expected one");
        f.http_status = res.status;
        return f;
    }
    return std::move(list->front());
}

// A success with nothing to read (a DELETE's answer): any 2xx.
inline std::optional<failure> refuse_status(http_response const& res, decode_options const& opt)
{
    if (res.status < 200 || res.status > 299)
        return decode_error(res, opt);
    return std::nullopt;
}

// True when `s` is UTF-8 and holds no control character: text a request may carry.
inline bool is_request_text(std::string_view s) noexcept
{
    if (!utf8_code_points(s))
        return false;
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f)
            return false;
    return true;
}

} // namespace sfmc::sms::detail

#endif
