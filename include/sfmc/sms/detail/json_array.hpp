// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_JSON_ARRAY_HPP
#define SFMC_SMS_DETAIL_JSON_ARRAY_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace sfmc::sms::detail {

// Walks the elements of a top-level JSON array in `body`, in order, in one pass:
// `element(std::string_view rest, std::size_t index)` reads the element at the front of
// `rest` (with Boost.JSON, which stops where a document is complete) and returns how many
// bytes it took, or a failure that stops the walk. Only the array's own punctuation is read
// here ('[', ',', ']', whitespace; a trailing comma is accepted): that is how each element's
// bytes are known, which Boost.JSON's parser does not report.
template <class Element>
boost::system::result<void, failure> for_each_json_element(std::string_view body, std::size_t max_elements,
                                                           Element&& element)
{
    constexpr std::string_view space = " \t\r\n";
    std::size_t i = body.find_first_not_of(space);
    if (i == std::string_view::npos)
        return failure(error::empty_body);
    if (body[i] != '[')
        return failure(error::not_an_object, "the body is not a JSON array");
    std::size_t index = 0;
    bool expect_value = true; // after '[' or ','
    for (++i;;) {
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
            ++i;
            continue;
        }
        if (!expect_value)
            return failure(error::malformed_body, "element " + std::to_string(index - 1) +
                                                      ": neither ',' nor ']' after it, at byte " + std::to_string(i));
        if (index == max_elements)
            return failure(error::body_too_large, "more than " + std::to_string(max_elements) + " elements");
        auto const used = element(body.substr(i), index);
        if (!used)
            return used.error();
        i += *used;
        ++index;
        expect_value = false;
    }
}

} // namespace sfmc::sms::detail

#endif
