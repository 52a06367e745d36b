// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_NOT_SENT_HPP
#define SFMC_SMS_NOT_SENT_HPP

// The NotSent list: which messages failed since the last look, read page by page with a
// cursor. Not in <sfmc/sms.hpp>: in header-only mode a page is read as a Boost.JSON value,
// whose headers would make every user of the umbrella header slower to compile; under
// separate compilation its definitions are compiled once by <sfmc/sms/src.hpp>.

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/channel.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/message_status.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/timestamp.hpp>

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
SFMC_SMS_DECL api_result<not_sent_page> decode_not_sent_page(http_response const& res, decode_options const& opt = {});

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
    std::optional<failure> validate() const;

    /// The request for this page at `rest`.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The page, or why there is none (see `decode_not_sent_page`).
    api_result<not_sent_page> decode(http_response const& res, decode_options const& opt) const;
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
    api_result<std::span<not_sent_entry const>> take(not_sent_page page);

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

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/not_sent.ipp>
#endif

#endif
