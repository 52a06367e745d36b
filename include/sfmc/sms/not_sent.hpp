// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_NOT_SENT_HPP
#define SFMC_SMS_NOT_SENT_HPP

// The NotSent list: which messages failed since the last look, read page by page with a
// cursor. Not in <sfmc/sms.hpp>: a page is read as a Boost.JSON value, whose headers would
// make every user of the umbrella header slower to compile.

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/channel.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/request_builder.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/message_status.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/timestamp.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sfmc::sms {

/// One message of the NotSent list. Every field but `event_id` appears only when the API
/// sent it.
struct not_sent_entry {
    std::int64_t event_id = 0; ///< `eventID` (or `eventId`): the entry's place in the list
    /// From `eventCategoryType`: `not_sent` for the documented `SMSNotSent`/`EmailNotSent`.
    send_status status = send_status::unknown;
    std::string event_category_type;          ///< as received
    std::optional<std::string> timestamp;     ///< as received: UTC−6, no offset
    std::optional<api_timestamp> timestamp_utc; ///< the same instant in UTC, when readable
    std::optional<std::string> definition_key; ///< `definitionKey`: the send definition
    std::optional<std::string> message_key;   ///< `info.messageKey`
    std::optional<std::string> contact_key;   ///< `info.contactKey`
    std::optional<std::string> to;            ///< `info.to`, when sent
    std::optional<int> status_code;           ///< `statusCode` (see @ref status_code_name)
    std::optional<std::string> status_message; ///< `statusMessage`
    /// Member by member.
    friend bool operator==(not_sent_entry const&, not_sent_entry const&) = default;
};

/// One page of the NotSent list.
struct not_sent_page {
    std::vector<not_sent_entry> entries; ///< `messages`, oldest first
    /// `lastEventID` (or `lastEventId`): where the API's scan ended, which may be past the
    /// last entry. A sweep resumes from the last entry instead (see @ref not_sent_sweep).
    std::optional<std::int64_t> last_event_id;
    std::optional<std::int64_t> count; ///< `count`, when sent
};

/** Decodes one page of the NotSent list:
    `{"lastEventID":35774,"messages":[{...}],"count":1}`.

    The same first checks as @ref decode_status (status, content type, size, depth), then
    the page is read leniently as the API's documents demand: keys in any case (`eventID`,
    `eventId`), numbers written as strings, null as absent, `statusCode`, `statusMessage`,
    `messageKey` and `contactKey` at the top of an entry or in its `info`. Strict where a
    sweep depends on it: `messages` must be there (an array; null is an empty page) and every
    entry must be an object with an `eventID`; the first field that will not do fails the
    whole page with its place (`messages[3].eventID`), nothing half-decoded.

    @par Specification
    GET /messaging/v1/{sms|email}/messages/?type=notSent.
*/
inline api_result<not_sent_page> decode_not_sent_page(http_response const& res, decode_options const& opt = {})
{
    auto parsed = decode_json(res, opt);
    if (!parsed)
        return std::move(parsed).error();
    auto const refuse = [&](failure f) { return detail::with_answer(std::move(f), res, opt); };
    auto const* top = parsed->if_object();
    if (!top)
        return refuse(failure(error::not_an_object, "the answer is not an object"));
    detail::answer_object page_fields(*top, "");
    not_sent_page page;
    page.last_event_id = page_fields.integer64("lastEventID");
    page.count = page_fields.integer64("count");
    auto const* messages = detail::find_member(*top, "messages");
    if (page_fields.error())
        return refuse(*page_fields.error());
    if (!messages)
        return refuse(failure(error::missing_field, "field \"messages\" is missing"));
    if (messages->is_null())
        return page;
    auto const* list = messages->if_array();
    if (!list)
        return refuse(failure(error::wrong_field_type, "field \"messages\" is not an array"));
    page.entries.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto const where = "messages[" + std::to_string(i) + "]";
        auto const* o = (*list)[i].if_object();
        if (!o)
            return refuse(failure(error::not_an_object, where + " is not an object"));
        detail::answer_object fields(*o, where + '.');
        std::optional<detail::answer_object> info;
        if (auto const* info_object = fields.object("info"))
            info.emplace(*info_object, where + ".info.");
        // A field at the top of the entry, else in its info.
        auto const either = [&](auto read) {
            auto v = read(fields);
            return v || !info ? v : read(*info);
        };
        auto& e = page.entries.emplace_back();
        auto const id = fields.integer64("eventID");
        if (!id && !fields.error())
            return refuse(failure(error::missing_field, "field \"" + where + ".eventID\" is missing"));
        e.event_id = id.value_or(0);
        e.event_category_type = fields.text("eventCategoryType").value_or("");
        e.status = parse_send_status(e.event_category_type);
        e.timestamp = fields.text("timestamp");
        if (e.timestamp)
            e.timestamp_utc = parse_api_timestamp(*e.timestamp);
        e.definition_key = fields.text("definitionKey");
        e.message_key = either([](detail::answer_object& a) { return a.text("messageKey"); });
        e.contact_key = either([](detail::answer_object& a) { return a.text("contactKey"); });
        e.to = either([](detail::answer_object& a) { return a.text("to"); });
        e.status_code = either([](detail::answer_object& a) { return a.integer("statusCode"); });
        e.status_message = either([](detail::answer_object& a) { return a.text("statusMessage"); });
        if (fields.error())
            return refuse(*fields.error());
        if (info && info->error())
            return refuse(*info->error());
    }
    return page;
}

/** One page of the NotSent list as a `route`:
    `GET {base}/messaging/v1/{sms|email}/messages/?type=notSent&$pageSize=N[&lastEventId=ID]`.

    Without `after` the request carries no `lastEventId`: the API's starting point. A page
    size outside 1 to 1000 or a negative `after` ends the call before anything is sent
    (`error::bad_page_request`). To read the list to its end, use @ref not_sent_sweep.
*/
struct not_sent_list {
    /// What a success holds.
    using value_type = not_sent_page;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "NotSent list";

    /// Which channel's list.
    channel on = channel::sms;
    /// Entries per page, 1 to 1000 (sent as `$pageSize`).
    int page_size = 100;
    /// The entries after this event id (sent as `lastEventId`).
    std::optional<std::int64_t> after{};

    /// Refuses a page size outside 1 to 1000, a negative event id and `channel::unknown`.
    std::optional<failure> validate() const
    {
        if (on == channel::unknown)
            return failure(error::bad_channel);
        if (page_size < 1 || page_size > 1000)
            return failure(error::bad_page_request, "page size " + std::to_string(page_size));
        if (after && *after < 0)
            return failure(error::bad_page_request, "event id " + std::to_string(*after));
        return std::nullopt;
    }

    /// The request for this page at `rest`.
    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        constexpr std::string_view json = "application/json", prefix = "/messaging/v1/", messages = "/messages/";
        char digits[2][24];
        auto const size_end = std::to_chars(digits[0], digits[0] + sizeof digits[0], page_size).ptr;
        auto const after_end = after ? std::to_chars(digits[1], digits[1] + sizeof digits[1], *after).ptr : digits[1];
        auto const on_name = to_string(on);
        http_request req;
        std::string_view const size_text{digits[0], size_end}, after_text{digits[1], after_end};
        request_builder b(req, "GET", rest,
                          prefix.size() + on_name.size() + messages.size() + request_builder::query_room("type", "notSent") +
                              request_builder::query_room("$pageSize", size_text) +
                              request_builder::query_room("lastEventId", after_text) +
                              request_builder::bearer_room(token) + json.size());
        b.path(prefix).path(on_name).path(messages).query("type", "notSent").query("$pageSize", size_text);
        if (after)
            b.query("lastEventId", after_text);
        b.bearer(token).header("Accept", json).finish();
        return req;
    }

    /// The page, or why there is none (see `decode_not_sent_page`).
    api_result<not_sent_page> decode(http_response const& res, decode_options const& opt) const
    {
        return decode_not_sent_page(res, opt);
    }
};

static_assert(route_behind_token<not_sent_list>);

/** Reads the NotSent list to its end, page after page, from a cursor the caller keeps: plain
    state, no I/O. Drive it with any client: `next_page()` is the route of the next request,
    `take(page)` its answer.

    The cursor is the event id of the last entry taken (never the page's `lastEventID`, which
    can be past it): keep `cursor()` after handling a page's entries, and a sweep made later
    with `after = cursor` takes each entry exactly once across runs. An entry at or before
    the cursor is not taken again. Caught up: a page with fewer entries than its size (none
    at all included). A full page that does not move the cursor is `error::no_progress`, so a
    misbehaving server cannot keep a sweep paging forever. Memory: one page at a time.

    @par Example
    @code
    sfmc::sms::not_sent_sweep sweep({.after = saved_cursor});
    while (!sweep.caught_up()) {
        auto page = client.run(sweep.next_page());      // or co_await client.async_run(...)
        if (!page)
            return page.error();
        for (auto const& e : sweep.take(std::move(*page)))
            report(e);
        save(sweep.cursor());
    }
    @endcode
*/
class not_sent_sweep {
public:
    /// Where a sweep starts and how it pages.
    struct options {
        channel on = channel::sms;         ///< which channel's list
        int page_size = 100;               ///< 1 to 1000
        std::optional<std::int64_t> after{}; ///< a cursor kept from before; none: the API's starting point
    };

    /// A sweep of the SMS list from the API's starting point, 100 entries a page.
    not_sent_sweep() = default;
    /// A sweep as `opt` says.
    explicit not_sent_sweep(options opt) : on_(opt.on), page_size_(opt.page_size), cursor_(opt.after) {}

    /// The request for the next page.
    not_sent_list next_page() const { return {on_, page_size_, cursor_}; }

    /** Takes the answer to `next_page()`: its entries past the cursor the page was asked
        from, in the page's order (the returned span lives until the next `take`), even those
        that come out of order within it. Moves the cursor to the highest of them. */
    api_result<std::span<not_sent_entry const>> take(not_sent_page page)
    {
        auto const full = page.entries.size() >= static_cast<std::size_t>(page_size_);
        auto const from = cursor_; // not the highest id seen so far: a lower one later in the page is new too
        taken_.clear();
        for (auto& e : page.entries) {
            if (from && e.event_id <= *from)
                continue;
            if (!cursor_ || e.event_id > *cursor_)
                cursor_ = e.event_id;
            taken_.push_back(std::move(e));
        }
        if (full && taken_.empty()) {
            caught_up_ = true; // nothing more can be read safely
            return failure(error::no_progress, "a page of " + std::to_string(page.entries.size()) +
                                                   " entries, none after event id " +
                                                   (cursor_ ? std::to_string(*cursor_) : std::string("(start)")));
        }
        caught_up_ = !full;
        return std::span<not_sent_entry const>(taken_);
    }

    /// True once a page had fewer entries than the page size (or after `no_progress`).
    bool caught_up() const noexcept { return caught_up_; }

    /// The event id of the last entry taken (or the `after` it started from): what to keep
    /// to resume. None before the first entry of a sweep from the API's starting point.
    std::optional<std::int64_t> cursor() const noexcept { return cursor_; }

private:
    channel on_ = channel::sms;
    int page_size_ = 100;
    std::optional<std::int64_t> cursor_;
    bool caught_up_ = false;
    std::vector<not_sent_entry> taken_;
};

/** Runs `sweep` to its end over `client` (anything with `run(not_sent_list)`, such as
    `client<Transport>`: tokens, refresh and retries as for every route). After each page,
    `on_entries(std::span<not_sent_entry const>)` gets its new entries (an empty span for an
    empty page) and returns false to stop there. Returns the number of entries taken, or
    the failure that stopped the sweep; `sweep.cursor()` says how far it got either way.
*/
template <class Client, class OnEntries>
api_result<std::size_t> run_sweep(Client& client, not_sent_sweep& sweep, OnEntries&& on_entries)
{
    std::size_t taken = 0;
    while (!sweep.caught_up()) {
        auto page = client.run(sweep.next_page());
        if (!page)
            return std::move(page).error();
        auto entries = sweep.take(std::move(*page));
        if (!entries)
            return std::move(entries).error();
        taken += entries->size();
        if (!on_entries(*entries))
            break;
    }
    return taken;
}

} // namespace sfmc::sms

#endif
