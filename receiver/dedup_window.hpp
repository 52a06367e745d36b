// The receiver's memory of the events it has journaled, to write each one once.
#ifndef SFMC_ENS_RECEIVER_DEDUP_WINDOW_HPP
#define SFMC_ENS_RECEIVER_DEDUP_WINDOW_HPP

#include "journal_line.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace receiver {

/** The digests of the last `capacity` events journaled: a ring of digests (16 bytes each)
    and an open-addressing index into it (a 4-byte slot, twice as many slots as digests,
    rounded up to a power of two). For a million events: 16 MB + 8 MB, about 24 bytes an
    event, allocated once. The oldest digest is forgotten when a new one comes in full.

    Written by hand: the standard containers spend 40 to 60 bytes an event and a node
    allocation each; a window of digests needs neither.
*/
class dedup_window {
public:
    explicit dedup_window(std::size_t capacity)
        : ring_(capacity ? capacity : 1), slots_(std::bit_ceil(2 * ring_.size())), mask_(slots_.size() - 1)
    {
    }

    bool contains(digest const& d) const noexcept { return find(d) != npos; }

    // Remembers `d`, forgetting the oldest digest when the window is full.
    void insert(digest const& d) noexcept
    {
        if (count_ == ring_.size())
            erase_slot(find_position(head_));
        else
            ++count_;
        ring_[head_] = d;
        auto i = home(d);
        while (slots_[i] != 0)
            i = (i + 1) & mask_;
        slots_[i] = static_cast<std::uint32_t>(head_ + 1);
        head_ = (head_ + 1) % ring_.size();
    }

    std::size_t size() const noexcept { return count_; }
    std::size_t capacity() const noexcept { return ring_.size(); }
    std::size_t bytes() const noexcept { return ring_.size() * sizeof(digest) + slots_.size() * sizeof(std::uint32_t); }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    std::size_t home(digest const& d) const noexcept
    {
        std::uint64_t h; // a digest's bytes are already uniform: its first eight are the hash
        std::memcpy(&h, d.data(), sizeof h);
        return static_cast<std::size_t>(h) & mask_;
    }

    std::size_t find(digest const& d) const noexcept
    {
        for (auto i = home(d); slots_[i] != 0; i = (i + 1) & mask_)
            if (ring_[slots_[i] - 1] == d)
                return i;
        return npos;
    }

    // The slot that holds ring position `position`.
    std::size_t find_position(std::size_t position) const noexcept
    {
        auto i = home(ring_[position]);
        while (slots_[i] != position + 1)
            i = (i + 1) & mask_;
        return i;
    }

    // Empties slot `i` and moves later entries of its run back, so that no search stops early
    // (linear probing's deletion by backward shift: no tombstones to accumulate).
    void erase_slot(std::size_t i) noexcept
    {
        for (auto j = (i + 1) & mask_; slots_[j] != 0; j = (j + 1) & mask_) {
            auto const k = home(ring_[slots_[j] - 1]);
            // Move j to i unless its home lies cyclically in (i, j].
            bool const stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                slots_[i] = slots_[j];
                i = j;
            }
        }
        slots_[i] = 0;
    }

    std::vector<digest> ring_;
    std::vector<std::uint32_t> slots_; // ring position + 1; 0 is empty
    std::size_t mask_;
    std::size_t head_ = 0;  // where the next digest goes
    std::size_t count_ = 0;
};

} // namespace receiver

#endif
