// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_JSON_ARRAY_HPP
#define SFMC_SMS_DETAIL_JSON_ARRAY_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sfmc::sms::detail {

// Finds where each element of a top-level JSON array lies in `body` and calls
// `element(std::string_view bytes, std::size_t index)` for each, in order; a failure it
// returns stops the split. Written by hand because Boost.JSON's parser reports values but
// not where they lie in the input, and a receiver must keep each event's own bytes. It
// follows structure only (strings, escapes, nesting, commas; a trailing comma is accepted):
// each element is then parsed by Boost.JSON, which judges its validity. Nesting counts
// against `max_depth` (the array is one level) without recursion.
template <class Element>
boost::system::result<void, failure> split_json_array(std::string_view body, std::size_t max_depth,
                                                      std::size_t max_elements, Element&& element)
{
    constexpr std::string_view space = " \t\r\n";
    std::size_t i = body.find_first_not_of(space);
    if (i == std::string_view::npos)
        return failure(error::empty_body);
    if (body[i] != '[')
        return failure(error::not_an_object, "the body is not a JSON array");
    std::size_t index = 0;
    bool expect_value = true; // after '[' or ','
    for (++i;; ++i) {
        i = body.find_first_not_of(space, i);
        if (i == std::string_view::npos)
            return failure(error::truncated_body, "the array ends early, after " + std::to_string(index) + " elements");
        if (body[i] == ']') {
            if (body.find_first_not_of(space, i + 1) != std::string_view::npos)
                return failure(error::malformed_body, "data after the array at byte " + std::to_string(i + 1));
            return {};
        }
        if (body[i] == ',') {
            if (expect_value)
                return failure(error::malformed_body, "a ',' with no element before it at byte " + std::to_string(i));
            expect_value = true;
            continue;
        }
        if (!expect_value)
            return failure(error::malformed_body, "a ',' or ']' is missing at byte " + std::to_string(i));
        if (index == max_elements)
            return failure(error::body_too_large, "more than " + std::to_string(max_elements) + " elements");

        // The element runs to the ',' or ']' that closes it at depth 0, outside strings.
        std::size_t const start = i;
        std::size_t depth = 0;
        bool in_string = false;
        for (; i < body.size(); ++i) {
            char const b = body[i];
            if (in_string) {
                if (b == '\\')
                    ++i;
                else if (b == '"')
                    in_string = false;
            } else if (b == '"') {
                in_string = true;
            } else if (b == '{' || b == '[') {
                if (++depth >= max_depth)
                    return failure(error::too_deep, "nested deeper than " + std::to_string(max_depth) + " levels");
            } else if (b == '}' || b == ']') {
                if (depth == 0)
                    break;
                --depth;
            } else if (b == ',' && depth == 0) {
                break;
            }
        }
        if (i >= body.size())
            return failure(error::truncated_body, "element " + std::to_string(index) + " ends early");
        auto bytes = body.substr(start, i - start);
        bytes.remove_suffix(bytes.size() - 1 - bytes.find_last_not_of(space));
        if (auto stop = element(bytes, index))
            return std::move(*stop);
        ++index;
        expect_value = false;
        --i; // the ',' or ']' is read by the loop
    }
}

} // namespace sfmc::sms::detail

#endif
