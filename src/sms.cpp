// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
// The library's compiled part: the sfmc::sms_compiled target builds this one file (see
// <sfmc/sms/src.hpp>).
#include <sfmc/sms/src.hpp>
