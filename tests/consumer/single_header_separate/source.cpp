// The one translation unit that compiles the single header's definitions: the program's
// other translation units define SFMC_SMS_SEPARATE_COMPILATION too, and see declarations only.
#define SFMC_SMS_SOURCE
#include <sfmc/sms.hpp>
