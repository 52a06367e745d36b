// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_QUEUE_LOOKUP_HPP
#define SFMC_SMS_QUEUE_LOOKUP_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/channel.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/definition_key.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/route.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

/// The queue of a send definition: why a message stays queued (an inactive definition's
/// messages wait here).
struct queue_metrics {
    int count = 0;       ///< `count`: messages waiting
    int age_seconds = 0; ///< `ageSeconds`: how long the oldest has waited
    /// `requestId`, when the API sent one.
    std::optional<std::string> request_id;
    /// Member by member.
    friend bool operator==(queue_metrics const&, queue_metrics const&) = default;
    /// "22 waiting, the oldest for 45 s", for logs.
    friend std::ostream& operator<<(std::ostream& out, queue_metrics const& q);
};

/** Decodes the answer to a queue lookup: `{"requestId":"…","count":22,"ageSeconds":45}`.

    The same rules as `decode_status`: a status outside 2xx is the API's error, then the
    content type, size and depth are checked; `count` and `ageSeconds` are required
    integers (a string of digits will do), `requestId` optional, unknown fields ignored.

    @par Specification
    GET /messaging/v1/{sms|email}/definitions/{definitionKey}/queue.
*/
SFMC_SMS_DECL api_result<queue_metrics> decode_queue_metrics(http_response const& res, decode_options const& opt = {});

/** The queue metrics of a send definition, as a `route`:
    `GET {base}/messaging/v1/{sms|email}/definitions/{definitionKey}/queue`.

    The definition key (see @ref definition_key) is sent as one percent-encoded path segment;
    `channel::unknown` is refused (`error::bad_channel`), nothing sent.

    @par Example
    @code
    auto q = client.run(sfmc::sms::queue_lookup{*sfmc::sms::definition_key::make("order-updates")});
    if (q && q->count > 0)
        std::cout << q->count << " waiting, the oldest for " << q->age_seconds << " s\n";
    @endcode
*/
struct queue_lookup {
    /// What a success holds.
    using value_type = queue_metrics;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "queue metrics";

    /// The send definition's key.
    sfmc::sms::definition_key definition_key;
    /// Its channel.
    channel on = channel::sms;

    /// Refuses `channel::unknown`.
    std::optional<failure> validate() const
    {
        return on == channel::unknown ? std::optional<failure>(failure(error::bad_channel)) : std::nullopt;
    }

    /// The request for `definition_key`'s queue at `rest`.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The metrics, or why there are none (see `decode_queue_metrics`).
    api_result<queue_metrics> decode(http_response const& res, decode_options const& opt) const;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/queue_lookup.ipp>
#endif

#endif
