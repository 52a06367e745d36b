// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_CANONICAL_JSON_IPP
#define SFMC_SMS_ENS_IMPL_CANONICAL_JSON_IPP

// canonical_json.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/json_number.hpp>
#include <sfmc/sms/detail/json_string.hpp>
#include <sfmc/sms/ens/canonical_json.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace sfmc::sms::ens {

namespace detail {

// Writes one JSON document as canonical text from Boost.JSON's parser events, without a DOM:
// no whitespace, an object's members in the order of their names' bytes (a name written twice,
// by its values' text), strings with only the escapes JSON requires, numbers by their value
// (integers in decimal, others as the shortest text that reads back to the same double). Two
// documents equal as JSON values (1 and 1.0 apart, as Boost.JSON reads them) give the same text.
class canonical_text_writer {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using ec_t = boost::system::error_code;
    using sv_t = boost::json::string_view;

    void reset()
    {
        frames_.clear();
        part_.clear();
        done_.clear();
    }
    std::string take() { return std::move(done_); }

    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&)
    {
        frames_.emplace_back().is_object = true;
        return true;
    }
    bool on_object_end(std::size_t, ec_t&)
    {
        auto f = std::move(frames_.back());
        frames_.pop_back();
        std::sort(f.members.begin(), f.members.end());
        std::string text = "{";
        for (auto const& [name, value] : f.members) {
            if (text.size() > 1)
                text += ',';
            sfmc::sms::detail::append_json_string(text, name);
            text += ':';
            text += value;
        }
        text += '}';
        put(std::move(text));
        return true;
    }
    bool on_array_begin(ec_t&)
    {
        frames_.emplace_back().text.push_back('['); // not `= "["`: GCC 12 -O3 warns (-Wrestrict) falsely
        return true;
    }
    bool on_array_end(std::size_t, ec_t&)
    {
        auto f = std::move(frames_.back());
        frames_.pop_back();
        f.text += ']';
        put(std::move(f.text));
        return true;
    }
    bool on_key_part(sv_t s, std::size_t, ec_t&)
    {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_key(sv_t s, std::size_t, ec_t&)
    {
        part_.append(s.data(), s.size());
        frames_.back().name = std::move(part_);
        part_.clear();
        return true;
    }
    bool on_string_part(sv_t s, std::size_t, ec_t&)
    {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_string(sv_t s, std::size_t, ec_t&)
    {
        part_.append(s.data(), s.size());
        std::string text;
        sfmc::sms::detail::append_json_string(text, part_);
        part_.clear();
        put(std::move(text));
        return true;
    }
    bool on_number_part(sv_t s, ec_t&)
    {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, sv_t, ec_t&) { return number(i); }
    bool on_uint64(std::uint64_t u, sv_t, ec_t&) { return number(u); }
    bool on_double(double, sv_t s, ec_t&)
    {
        part_.append(s.data(), s.size());
        double const d = sfmc::sms::detail::json_number_value(part_);
        part_.clear();
        if (std::isinf(d)) { // past double's range: one JSON text for each sign
            put(d < 0 ? "-1e999" : "1e999");
            return true;
        }
        // 1.0 and 1 are apart (as for the digest): a double that is whole keeps a ".0".
        char digits[32];
        auto const end = std::to_chars(digits, digits + sizeof digits, d).ptr;
        std::string text(digits, end);
        if (text.find_first_of(".e") == std::string::npos)
            text += ".0";
        put(std::move(text));
        return true;
    }
    bool on_bool(bool b, ec_t&)
    {
        put(b ? "true" : "false");
        return true;
    }
    bool on_null(ec_t&)
    {
        put("null");
        return true;
    }
    bool on_comment_part(sv_t, ec_t&) { return true; }
    bool on_comment(sv_t, ec_t&) { return true; }

private:
    struct frame {
        bool is_object = false;
        std::string text;                                      // an array's text so far
        std::string name;                                      // an object's member name, awaiting its value
        std::vector<std::pair<std::string, std::string>> members; // an object's (name, value text)
    };

    template <class Integer>
    bool number(Integer n)
    {
        part_.clear();
        char digits[24];
        auto const end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        put(std::string(digits, end));
        return true;
    }

    // A value's text goes to the container it is in, or is the document.
    void put(std::string text)
    {
        if (frames_.empty()) {
            done_ = std::move(text);
            return;
        }
        auto& f = frames_.back();
        if (f.is_object) {
            f.members.emplace_back(std::move(f.name), std::move(text));
            f.name.clear();
        } else {
            if (f.text.size() > 1)
                f.text += ',';
            f.text += text;
        }
    }

    std::vector<frame> frames_;
    std::string part_; // a key, string or number that arrived in parts, so far
    std::string done_;
};

} // namespace detail

SFMC_SMS_ENS_DECL std::optional<std::string> canonical_json(std::string_view json)
{
    boost::json::parse_options opt;
    opt.allow_trailing_commas = true;
    opt.max_depth = 64;
    boost::json::basic_parser<detail::canonical_text_writer> parser(opt);
    boost::system::error_code ec;
    auto const used = parser.write_some(false, json.data(), json.size(), ec);
    if (ec || used != json.size())
        return std::nullopt;
    return parser.handler().take();
}

SFMC_SMS_ENS_DECL void append_compact_json(std::string& out, std::string_view json)
{
    auto const is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    bool comma = false; // a ',' seen outside strings, not yet written
    for (std::size_t i = 0; i < json.size();) {
        char const c = json[i];
        if (is_space(c)) {
            ++i;
            continue;
        }
        if (comma && c != '}' && c != ']')
            out += ',';
        comma = false;
        if (c == ',') {
            comma = true;
            ++i;
            continue;
        }
        if (c != '"') {
            out += c;
            ++i;
            continue;
        }
        // A string, to its closing quote: every byte as it is (valid JSON has no raw
        // control character in a string, so none of them is a line break).
        auto end = i + 1;
        while (end < json.size() && json[end] != '"')
            end += json[end] == '\\' ? 2 : 1;
        end = std::min(end + 1, json.size());
        out.append(json.substr(i, end - i));
        i = end;
    }
    if (comma) // not JSON that decode_batch accepts; kept rather than lost
        out += ',';
}

} // namespace sfmc::sms::ens

#endif
