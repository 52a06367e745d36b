// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_EVENT_DIGEST_IPP
#define SFMC_SMS_ENS_IMPL_EVENT_DIGEST_IPP

// event_digest.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/json_number.hpp>
#include <sfmc/sms/ens/event_digest.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace sfmc::sms::ens {

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

SFMC_SMS_ENS_DECL std::optional<event_digest_value> event_digest(std::string_view raw)
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
    event_digest_value d;
    std::copy_n(full, d.size(), d.begin());
    return d;
}

} // namespace sfmc::sms::ens

#endif
