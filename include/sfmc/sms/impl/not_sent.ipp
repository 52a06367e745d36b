// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_NOT_SENT_IPP
#define SFMC_SMS_IMPL_NOT_SENT_IPP

// not_sent.hpp's definitions: inline in header-only mode, compiled once by <sfmc/sms/src.hpp>
// with SFMC_SMS_SEPARATE_COMPILATION. A page is read through Boost.JSON's DOM, needed here only.

#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/not_sent.hpp>
#include <sfmc/sms/request_builder.hpp>
#include <sfmc/sms/timestamp.hpp>

#include <charconv>

namespace sfmc::sms {

SFMC_SMS_DECL api_result<not_sent_page> decode_not_sent_page(http_response const& res, decode_options const& opt)
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

SFMC_SMS_DECL std::optional<failure> not_sent_list::validate() const
{
    if (on == channel::unknown)
        return failure(error::bad_channel);
    if (page_size < 1 || page_size > 1000)
        return failure(error::bad_page_request, "page size " + std::to_string(page_size));
    if (after && *after < 0)
        return failure(error::bad_page_request, "event id " + std::to_string(*after));
    return std::nullopt;
}

SFMC_SMS_DECL http_request not_sent_list::make_request(endpoint const& rest, access_token const& token) const
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

SFMC_SMS_DECL api_result<not_sent_page>
not_sent_list::decode(http_response const& res, decode_options const& opt) const
{
    return decode_not_sent_page(res, opt);
}

SFMC_SMS_DECL api_result<std::span<not_sent_entry const>> not_sent_sweep::take(not_sent_page page)
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

} // namespace sfmc::sms

#endif
