// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
// ENS's compiled part: the sfmc::ens_compiled target builds this one file (see
// <sfmc/sms/ens/src.hpp>).
#include <sfmc/sms/ens/src.hpp>
