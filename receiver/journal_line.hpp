// One journal line per event, as the receiver's manual (docs/sfmc-ens-receiver.md) shows it,
// and the digest that tells a redelivered event from a new one.
#ifndef SFMC_ENS_RECEIVER_JOURNAL_LINE_HPP
#define SFMC_ENS_RECEIVER_JOURNAL_LINE_HPP

#include <sfmc/sms/detail/json_number.hpp>
#include <sfmc/sms/detail/json_string.hpp>
#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/status_code.hpp>
#include <sfmc/sms/timestamp.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace receiver {

/// 128 bits of SHA-256 over an event's canonical form: equal for equal JSON values.
using digest = std::array<std::uint8_t, 16>;

namespace detail {

// Writes the canonical form of one JSON document from Boost.JSON's parser events, without a
// DOM: bytes that are equal exactly when the documents are equal as JSON values (member order
// and whitespace ignored, escapes decoded, 1 and 1.0 apart). Not JSON text, which would cost
// escaping every string again: each value is a tag byte and what it needs, so that no two
// values share an encoding and none is the start of another —
//   string "s" + length (4 bytes) + its bytes      key "k" + the same
//   integer "i" (signed) or "u" (above INT64_MAX) + 8 bytes; other numbers "d" + the double's 8 bytes
//   (lengths and numbers in the machine's byte order: digests never leave the process, the
//   window is rebuilt from the journal's text at start-up)
//   true "t", false "f", null "n"; array "[" + elements + "]"; object "{" + members + "}"
// An object's members (key, then value) are written as they come, then put in the order of
// their bytes when it ends (when not in order already): a key's order first, a duplicate
// key's by its value.
class canonical_writer {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using ec_t = boost::system::error_code;
    using sv_t = boost::json::string_view;

    explicit canonical_writer(std::string& out) : out_(out) {}

    // Ready for another document.
    void reset()
    {
        out_.clear();
        objects_.clear();
        members_.clear();
        text_.clear();
    }

    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&)
    {
        out_ += '{';
        objects_.push_back(members_.size());
        return true;
    }
    bool on_object_end(std::size_t, ec_t&)
    {
        auto const first = objects_.back();
        objects_.pop_back();
        // This object's members are the last ones listed; each runs to the next one's start.
        auto const mine = std::span(members_).subspan(first);
        auto const bytes = [&](std::size_t i) {
            auto const end = i + 1 < mine.size() ? mine[i + 1] : out_.size();
            return std::string_view(out_).substr(mine[i], end - mine[i]);
        };
        bool sorted = true;
        for (std::size_t i = 1; i < mine.size() && sorted; ++i)
            sorted = bytes(i - 1) <= bytes(i);
        if (!sorted) {
            order_.clear();
            for (std::size_t i = 0; i < mine.size(); ++i)
                order_.push_back(bytes(i));
            std::sort(order_.begin(), order_.end());
            sorted_.clear();
            for (auto const member : order_)
                sorted_ += member;
            out_.replace(mine.front(), std::string::npos, sorted_);
        }
        members_.resize(first);
        out_ += '}';
        return true;
    }
    bool on_array_begin(ec_t&)
    {
        out_ += '[';
        return true;
    }
    bool on_array_end(std::size_t, ec_t&)
    {
        out_ += ']';
        return true;
    }
    bool on_key_part(sv_t s, std::size_t, ec_t&)
    {
        text_.append(s.data(), s.size());
        return true;
    }
    bool on_key(sv_t s, std::size_t, ec_t&)
    {
        members_.push_back(out_.size());
        put_text('k', whole(s));
        return true;
    }
    bool on_string_part(sv_t s, std::size_t, ec_t&)
    {
        text_.append(s.data(), s.size());
        return true;
    }
    bool on_string(sv_t s, std::size_t, ec_t&)
    {
        put_text('s', whole(s));
        return true;
    }
    bool on_number_part(sv_t s, ec_t&)
    {
        text_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, sv_t, ec_t&)
    {
        text_.clear();
        put_bytes('i', i);
        return true;
    }
    bool on_uint64(std::uint64_t u, sv_t, ec_t&)
    {
        text_.clear();
        put_bytes('u', u);
        return true;
    }
    bool on_double(double, sv_t s, ec_t&)
    {
        // From the number's text: the double Boost.JSON 1.81 hands over depends on the bytes
        // after the number (see json_number_value).
        put_bytes('d', sfmc::sms::detail::json_number_value(whole(s)));
        return true;
    }
    bool on_bool(bool b, ec_t&)
    {
        out_ += b ? 't' : 'f';
        return true;
    }
    bool on_null(ec_t&)
    {
        out_ += 'n';
        return true;
    }
    bool on_comment_part(sv_t, ec_t&) { return true; }
    bool on_comment(sv_t, ec_t&) { return true; }

private:
    // A key or string's last part: the whole of it, joined with earlier parts if any.
    std::string_view whole(sv_t last)
    {
        if (text_.empty())
            return {last.data(), last.size()};
        text_.append(last.data(), last.size());
        joined_.swap(text_);
        text_.clear();
        return joined_;
    }

    void put_text(char tag, std::string_view text)
    {
        put_bytes(tag, static_cast<std::uint32_t>(text.size())); // Boost.JSON's strings are under 4 GiB
        out_ += text;
    }

    template <class Value>
    void put_bytes(char tag, Value v)
    {
        char bytes[1 + sizeof v];
        bytes[0] = tag;
        std::memcpy(bytes + 1, &v, sizeof v);
        out_.append(bytes, sizeof bytes);
    }

    std::string& out_;
    std::vector<std::size_t> objects_;  // open objects: where their members start in members_
    std::vector<std::size_t> members_;  // members of open objects: where each starts in out_
    std::vector<std::string_view> order_; // an object's members, being sorted
    std::string text_;                  // a key, string or number that arrived in parts, so far
    std::string joined_;                // ... and whole
    std::string sorted_;                // an object's members, in order
};

} // namespace detail

/// The digest of an event's bytes (valid JSON, as `decode_batch` accepted them); nullopt
/// for bytes that are not JSON (a damaged journal line).
inline std::optional<digest> event_digest(std::string_view raw)
{
    thread_local std::string canonical;
    thread_local boost::json::basic_parser<detail::canonical_writer> parser(
        [] {
            boost::json::parse_options opt;
            opt.allow_trailing_commas = true;
            opt.max_depth = 64;
            // Checked when the batch was decoded (and journal lines were written from such
            // bytes): a second check would cost about 3% of the digest.
            opt.allow_invalid_utf8 = true;
            return opt;
        }(),
        canonical);
    parser.reset();
    parser.handler().reset();
    boost::system::error_code ec;
    auto const used = parser.write_some(false, raw.data(), raw.size(), ec);
    if (ec || used != raw.size())
        return std::nullopt;
    // Fetched once: EVP_sha256() on each call would look the algorithm up under a lock.
    static std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> const sha256(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                        &EVP_MD_free);
    unsigned char full[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(canonical.data(), canonical.size(), full, &size, sha256.get(), nullptr);
    digest d;
    std::copy_n(full, d.size(), d.begin());
    return d;
}

/// `t` as RFC 3339 UTC with exactly three fractional digits: "2020-09-21T14:30:08.530Z".
/// `t` is from 1970 to the end of 9999, so every field has its fixed width.
inline std::array<char, 24> rfc3339_millis(sfmc::sms::ens::event_time t)
{
    using namespace std::chrono;
    auto const day = floor<days>(t);
    year_month_day const ymd(day);
    hh_mm_ss const time(t - day);
    std::array<char, 24> text;
    std::string_view const pattern = "0000-00-00T00:00:00.000Z";
    std::copy(pattern.begin(), pattern.end(), text.begin());
    auto const put = [&](std::size_t end, long long value) { // digits right-aligned, ending before `end`
        for (auto i = end; value > 0; value /= 10)
            text[--i] = static_cast<char>('0' + value % 10);
    };
    put(4, static_cast<int>(ymd.year()));
    put(7, static_cast<unsigned>(ymd.month()));
    put(10, static_cast<unsigned>(ymd.day()));
    put(13, time.hours().count());
    put(16, time.minutes().count());
    put(19, time.seconds().count());
    put(23, time.subseconds().count());
    return text;
}

/// The documented name of an event's status code: a delivery code for SMS receipts, a
/// NotSent code for NotSent events, none otherwise.
inline std::optional<std::string_view> status_name(sfmc::sms::ens::event const& e)
{
    using sfmc::sms::ens::event_status;
    if (!e.status_code)
        return std::nullopt;
    switch (e.status) {
    case event_status::transient:
    case event_status::delivered:
    case event_status::bounced:
        if (e.on == sfmc::sms::ens::channel::sms)
            if (auto const c = sfmc::sms::ens::delivery_code(*e.status_code))
                return c->name;
        return std::nullopt;
    case event_status::not_sent: return sfmc::sms::status_code_name(*e.status_code);
    default: return std::nullopt;
    }
}

/// Appends the journal line of `e`, with its newline: the normalised fields, then the event
/// as received. Appended to a batch's text, so that a batch's lines take one allocation.
inline void append_journal_line(std::string& line, sfmc::sms::ens::event const& e)
{
    using sfmc::sms::detail::append_json_string;
    using sfmc::sms::ens::event_status;
    using namespace std::string_view_literals;
    bool first = true;
    auto const field = [&](std::string_view name) {
        line += first ? "{\""sv : ",\""sv; // string_views: no strlen for each piece
        first = false;
        line += name;
        line += "\":"sv;
    };
    auto const text = [&](std::string_view name, std::string_view value) {
        field(name);
        append_json_string(line, value);
    };
    auto const optional_text = [&](std::string_view name, std::optional<std::string> const& value) {
        if (value)
            text(name, *value);
    };
    text("status", to_string(e.status));
    text("channel", e.status == event_status::unknown ? "unknown" : to_string(e.on));
    text("eventCategoryType", e.type);
    optional_text("messageKey", e.message_key);
    // Usable: from 1970 to the end of 9999, which RFC 3339 can write.
    if (e.timestamp_utc && e.timestamp_utc->time_since_epoch().count() >= 0 &&
        e.timestamp_utc->time_since_epoch().count() <= 253402300799999) {
        auto const when = rfc3339_millis(*e.timestamp_utc);
        text("timestampUtc", std::string_view(when.data(), when.size()));
    }
    optional_text("to", e.to);
    optional_text("subscriberKey", e.subscriber_key);
    optional_text("definitionKey", e.definition_key);
    optional_text("compositeId", e.composite_id);
    if (e.status_code) {
        char digits[24];
        auto const end = std::to_chars(digits, digits + sizeof digits, *e.status_code).ptr;
        text("statusCode", std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    if (auto const name = status_name(e))
        text("statusName", *name);
    optional_text("statusMessage", e.status_message);
    if (e.status != event_status::unknown) {
        field("final");
        line += e.is_final() ? "true"sv : "false"sv;
    }
    field("event"); // last, as received, on one line
    sfmc::sms::ens::append_compact_json(line, e.raw);
    line += "}\n"sv;
}

} // namespace receiver

#endif
