// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_JSON_READER_HPP
#define SFMC_SMS_DETAIL_JSON_READER_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/text.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

// Reads the few fields the library needs straight from the parser's events: no DOM, no
// allocation but the strings kept. Fields live at the top level of an object or one level
// down (`info.statusCode`); everything else, however nested, is skipped.
namespace sfmc::sms::detail {

enum class json_kind : unsigned char { absent, null, boolean, integer, number, string, array, object };

constexpr char const* to_string(json_kind k) noexcept
{
    switch (k) {
    case json_kind::absent: return "nothing";
    case json_kind::null: return "null";
    case json_kind::boolean: return "a boolean";
    case json_kind::integer: return "an integer";
    case json_kind::number: return "a number";
    case json_kind::string: return "a string";
    case json_kind::array: return "an array";
    case json_kind::object: return "an object";
    }
    return "?";
}

// One field to read. `parent` is the index of the object field holding it, or -1 for the
// top level; the parent must come before its children in the list.
struct json_field {
    json_field(std::string_view field_name, int parent_index = -1, bool match_any_case = false)
        : name(field_name), parent(parent_index), any_case(match_any_case)
    {
    }

    std::string_view name;
    int parent = -1;
    bool any_case = false;    // "info" also matches "Info" (ENS's documents use both)
    json_kind kind = json_kind::absent;
    std::string text;        // when kind == string
    std::int64_t integer = 0; // when kind == integer
};

class json_field_handler {
public:
    static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();

    explicit json_field_handler(std::span<json_field> fields) noexcept : fields_(fields) {}

    json_kind root() const noexcept { return root_; }

    // Ready for another document, whose fields go to `fields`.
    void reset(std::span<json_field> fields) noexcept
    {
        fields_ = fields;
        depth_ = 0;
        target_ = -1;
        container_ = -1;
        root_ = json_kind::absent;
        key_.clear();
    }

    using ec_t = boost::system::error_code;
    using sv_t = boost::json::string_view;

    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&)
    {
        if (depth_ == 1 && target_ >= 0)
            container_ = target_;
        value(json_kind::object);
        ++depth_;
        return true;
    }
    bool on_object_end(std::size_t, ec_t&)
    {
        if (--depth_ == 1)
            container_ = -1;
        return true;
    }
    bool on_array_begin(ec_t&)
    {
        value(json_kind::array);
        ++depth_;
        return true;
    }
    bool on_array_end(std::size_t, ec_t&)
    {
        --depth_;
        return true;
    }
    bool on_key_part(sv_t s, std::size_t, ec_t&)
    {
        if (wants_key())
            key_.append(s.data(), s.size());
        return true;
    }
    bool on_key(sv_t s, std::size_t, ec_t&)
    {
        if (!wants_key())
            return true;
        std::string_view key(s.data(), s.size());
        if (!key_.empty()) {
            key_.append(key);
            key = key_;
        }
        target_ = find(key, depth_ == 1 ? -1 : container_);
        key_.clear();
        if (target_ >= 0 && fields_[target_].kind != json_kind::absent)
            forget(target_); // a repeated key: the last one wins, whole (an object's fields too)
        return true;
    }
    bool on_string_part(sv_t s, std::size_t, ec_t&)
    {
        if (target_ >= 0)
            fields_[target_].text.append(s.data(), s.size());
        return true;
    }
    bool on_string(sv_t s, std::size_t, ec_t&)
    {
        if (target_ >= 0)
            fields_[target_].text.append(s.data(), s.size());
        value(json_kind::string);
        return true;
    }
    bool on_number_part(sv_t, ec_t&) { return true; }
    bool on_int64(std::int64_t i, sv_t, ec_t&)
    {
        if (target_ >= 0)
            fields_[target_].integer = i;
        value(json_kind::integer);
        return true;
    }
    bool on_uint64(std::uint64_t u, sv_t s, ec_t& ec)
    {
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return on_int64(static_cast<std::int64_t>(u), s, ec);
        value(json_kind::number);
        return true;
    }
    bool on_double(double, sv_t, ec_t&)
    {
        value(json_kind::number);
        return true;
    }
    bool on_bool(bool, ec_t&)
    {
        value(json_kind::boolean);
        return true;
    }
    bool on_null(ec_t&)
    {
        value(json_kind::null);
        return true;
    }
    bool on_comment_part(sv_t, ec_t&) { return true; }
    bool on_comment(sv_t, ec_t&) { return true; }

private:
    // Keys matter at the top level and directly inside a wanted object.
    bool wants_key() const noexcept { return depth_ == 1 || (depth_ == 2 && container_ >= 0); }

    int find(std::string_view key, int parent) const noexcept
    {
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            auto const& f = fields_[i];
            // Length and first letter first: most keys differ there, without a memcmp call.
            if (f.parent != parent || f.name.size() != key.size() || key.empty())
                continue;
            if ((f.name[0] == key[0] && f.name == key) || (f.any_case && ci_is_equal(f.name, key)))
                return static_cast<int>(i);
        }
        return -1;
    }

    // Clears field `i` and, when it is an object, the fields read inside it.
    void forget(int i) noexcept
    {
        for (auto& f : fields_) {
            if (&f == &fields_[static_cast<std::size_t>(i)] || f.parent == i) {
                f.kind = json_kind::absent;
                f.text.clear();
                f.integer = 0;
            }
        }
    }

    // A value has begun or ended: give its kind to the field it belongs to, if any.
    void value(json_kind k) noexcept
    {
        if (depth_ == 0)
            root_ = k;
        else if (target_ >= 0)
            fields_[target_].kind = k;
        target_ = -1;
    }

    std::span<json_field> fields_;
    std::size_t depth_ = 0;
    int target_ = -1;    // the field the next value belongs to
    int container_ = -1; // the wanted object the parser is directly inside, at depth 2
    json_kind root_ = json_kind::absent;
    std::string key_;    // a key that arrived in parts
};

// Why a parser stopped `used` bytes into a body of `size` bytes: truncated, too deep,
// malformed, or followed by other data (no error, `used` short of `size`).
inline failure json_syntax_failure(boost::system::error_code ec, std::size_t used, std::size_t size,
                                   std::size_t max_depth)
{
    if (ec == boost::json::error::incomplete)
        return failure(error::truncated_body,
                       "the body ends before its JSON document does (" + std::to_string(size) + " bytes)");
    if (ec == boost::json::error::too_deep)
        return failure(error::too_deep, "nested deeper than " + std::to_string(max_depth) + " levels");
    if (ec)
        return failure(error::malformed_body, ec.message() + " at byte " + std::to_string(used));
    return failure(error::malformed_body, "data after the JSON document at byte " + std::to_string(used));
}

// Reads fields from JSON documents, one after another, with one parser: reading the
// objects of a batch allocates its state and stack once. Trailing commas are allowed, as
// the API's own examples have them.
class json_fields_reader {
public:
    explicit json_fields_reader(std::size_t max_depth) : parser_(options(max_depth), std::span<json_field>{}), max_depth_(max_depth) {}

    // Reads the JSON document at the front of `text` into `fields` and says how many bytes
    // it took; what follows is not read (Boost.JSON stops where a document is complete).
    // The document must be an object. The error names what went wrong and where.
    boost::system::result<std::size_t, failure> read_front(std::string_view text, std::span<json_field> fields)
    {
        parser_.reset();
        parser_.handler().reset(fields);
        boost::system::error_code ec;
        auto const used = parser_.write_some(false, text.data(), text.size(), ec);
        if (ec)
            return json_syntax_failure(ec, used, text.size(), max_depth_);
        if (auto const root = parser_.handler().root(); root != json_kind::object)
            return failure(error::not_an_object, std::string("the top level is ") + to_string(root) + ", not an object");
        return used;
    }

private:
    static boost::json::parse_options options(std::size_t max_depth) noexcept
    {
        boost::json::parse_options opt;
        opt.max_depth = max_depth;
        opt.allow_trailing_commas = true;
        return opt;
    }

    boost::json::basic_parser<json_field_handler> parser_;
    std::size_t max_depth_;
};

// Parses `body` as one JSON object and fills `fields`. The error names what went wrong and where.
inline boost::system::result<void, failure> read_json_fields(std::string_view body, std::span<json_field> fields,
                                                             std::size_t max_depth)
{
    json_fields_reader reader(max_depth);
    auto const used = reader.read_front(body, fields);
    if (!used)
        return used.error();
    if (*used != body.size())
        return json_syntax_failure({}, *used, body.size(), max_depth);
    return {};
}

// The dotted name of a field for messages: "info.statusCode".
inline std::string json_path(std::span<json_field const> fields, json_field const& f)
{
    if (f.parent < 0)
        return std::string(f.name);
    return json_path(fields, fields[static_cast<std::size_t>(f.parent)]) + '.' + std::string(f.name);
}

// An integer field that may also arrive as a string of digits ("16"), as the event service
// sends `statusCode`.
inline std::optional<std::int64_t> integer_of(json_field const& f) noexcept
{
    if (f.kind == json_kind::integer)
        return f.integer;
    if (f.kind == json_kind::string) {
        std::int64_t v = 0;
        auto const* const end = f.text.data() + f.text.size();
        auto const [ptr, ec] = std::from_chars(f.text.data(), end, v);
        if (ec == std::errc{} && ptr == end && !f.text.empty())
            return v;
    }
    return std::nullopt;
}

// Turns read fields into values, stopping at the first field of the wrong type.
class field_converter {
public:
    explicit field_converter(std::span<json_field> fields) noexcept : fields_(fields) {}

    std::string required_string(std::size_t i)
    {
        auto& f = fields_[i];
        if (present(f) && expect(f, f.kind == json_kind::string, "a string"))
            return std::move(f.text);
        return {};
    }

    std::optional<int> required_int(std::size_t i)
    {
        auto& f = fields_[i];
        if (!present(f) || !expect(f, f.kind != json_kind::null, "an integer"))
            return std::nullopt;
        return optional_int(i);
    }

    // null counts as absent for every optional field.
    std::optional<std::string> optional_string(std::size_t i)
    {
        auto& f = fields_[i];
        if (is_absent(f) || !expect(f, f.kind == json_kind::string, "a string"))
            return std::nullopt;
        return std::move(f.text);
    }

    std::optional<int> optional_int(std::size_t i)
    {
        auto& f = fields_[i];
        if (is_absent(f))
            return std::nullopt;
        auto const v = integer_of(f);
        bool const fits = v && *v >= std::numeric_limits<int>::min() && *v <= std::numeric_limits<int>::max();
        if (!expect(f, fits, "an integer (or a string of digits) that fits an int"))
            return std::nullopt;
        return static_cast<int>(*v);
    }

    bool present_object(std::size_t i)
    {
        auto& f = fields_[i];
        return !is_absent(f) && expect(f, f.kind == json_kind::object, "an object");
    }

    std::optional<failure> const& error() const noexcept { return error_; }

private:
    // A required field: its absence is the error.
    bool present(json_field const& f)
    {
        if (f.kind == json_kind::absent)
            fail(error::missing_field, "field \"" + json_path(fields_, f) + "\" is missing");
        return f.kind != json_kind::absent;
    }

    static bool is_absent(json_field const& f) noexcept
    {
        return f.kind == json_kind::absent || f.kind == json_kind::null;
    }

    bool expect(json_field const& f, bool ok, char const* wanted)
    {
        if (!ok)
            fail(error::wrong_field_type,
                 "field \"" + json_path(fields_, f) + "\" is " + to_string(f.kind) + ", expected " + wanted);
        return ok;
    }

    void fail(sms::error e, std::string what)
    {
        if (!error_)
            error_.emplace(e, std::move(what));
    }

    std::span<json_field> fields_;
    std::optional<failure> error_;
};


} // namespace sfmc::sms::detail

#endif
