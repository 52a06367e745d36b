// Looks up the seed's three messages, and one unknown key, through a transport that serves
// the reference page's example responses exactly as published: the library over a fake
// HTTP stack, end to end, with nothing on the network.
#include <sfmc/sms.hpp>

#include <iostream>
#include <map>
#include <string>

namespace {

// The three "Example Response" bodies of GET /messaging/v1/sms/messages/{messageKey}, byte
// for byte; the NotSent one lost its closing brace on the published page.
std::map<std::string, std::string, std::less<>> const seed_bodies = {
    {"/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w", R"({
  "requestId": "77431635-1b6b-44db-a16d-420361a43dc1",
  "eventCategoryType": "TransactionalSendEvents.SMSSent",
  "timestamp": "2018-08-03T13:41:18.55",
  "compositeId": "1F3631D4-5497-E811-80E4-1402EC6B9540.214435.228431.1.231481617",
  "info": {
    "messageKey": "bcX0qaEp0USGciEnUJTW0w",
    "contactKey": "Astro25",
  }
})"},
    {"/messaging/v1/sms/messages/fcdbb2f9-queued", R"({
  "requestId": "fcdbb2f9-438b-4d52-a380-2eade2f46396",
  "eventCategoryType": "TransactionalSendEvents.SMSQueued",
  "timestamp": "2018-08-16T10:44:41.2196"
})"},
    {"/messaging/v1/sms/messages/9a-zUvWf3UKxLpwwIrqTmQ", R"({
  "requestId": "30486456-ed41-46ba-96eb-06c4ff3b95d9",
  "eventCategoryType": "TransactionalSendEvents.SMSNotSent",
  "timestamp": "2018-07-24T06:26:58.463",
  "compositeId": "56941A9F-3A8F-E811-80E0-1402EC6B9529.4647028.622338.1.318768528",
  "info": {
    "messageKey": "9a-zUvWf3UKxLpwwIrqTmQ",
    "contactKey": "ec25a8c8-6d4e-42f0-84c3-4ea23564cbe5",
    "statusCode": 16,
    "statusMessage": "InvalidAttributeValue"
  })"},
};

// A transport is anything with send(http_request) -> result<http_response>.
struct seed_transport {
    sfmc::sms::result<sfmc::sms::http_response> send(sfmc::sms::http_request const& req)
    {
        std::cout << "  > " << req.method() << ' ' << req.url() << "  (Authorization: "
                  << req.header("Authorization")->substr(0, 7) << "[redacted])\n";
        if (auto it = seed_bodies.find(req.target()); it != seed_bodies.end())
            return sfmc::sms::http_response{200, {{"Content-Type", "application/json"}}, it->second};
        return sfmc::sms::http_response{
            404, {{"Content-Type", "application/json"}}, R"({"message":"Not Found","errorcode":30003,"documentation":""})"};
    }
};

void show(sfmc::sms::api_result<sfmc::sms::message_status> const& r)
{
    if (!r) {
        std::cout << "  < failed: " << r.error() << "\n\n";
        return;
    }
    std::cout << "  < " << to_string(r->status) << " (" << r->event_category_type << ")\n"
              << "    at " << r->timestamp << " UTC-6 = "
              << (r->timestamp_utc ? r->timestamp_utc->to_rfc3339() : std::string("unreadable")) << '\n';
    if (r->info && r->info->status_code) {
        auto const name = sfmc::sms::status_code_name(*r->info->status_code);
        std::cout << "    statusCode " << *r->info->status_code << " = " << name.value_or("(undocumented)") << '\n';
    }
    std::cout << '\n';
}

} // namespace

int main()
{
    seed_transport http;
    auto rest = sfmc::sms::endpoint::from_subdomain("mc563885gzs27c5t9-63k636tzgm");
    auto token = sfmc::sms::access_token::make("example-token-never-printed");
    sfmc::sms::client sms(http, rest.value(), token.value());

    std::cout << "sfmc-sms example: the reference page's responses served by a fake transport\n\n";
    for (auto key : {"bcX0qaEp0USGciEnUJTW0w", "fcdbb2f9-queued", "9a-zUvWf3UKxLpwwIrqTmQ", "no/such key"}) {
        std::cout << "message key \"" << key << "\"\n";
        show(sms.get_status(key));
    }
    std::cout << "The NotSent body is truncated on the published page: the library says so instead of guessing.\n";
    return 0;
}
