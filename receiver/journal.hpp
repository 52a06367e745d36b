// The receiver's journal: whole lines, appended in batches, on disk before a batch is
// acknowledged, each event once within a window that survives restarts.
#ifndef SFMC_ENS_RECEIVER_JOURNAL_HPP
#define SFMC_ENS_RECEIVER_JOURNAL_HPP

#include "dedup_window.hpp"
#include "journal_line.hpp"

#include <sfmc/sms/ens/status_store.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

namespace receiver {

/// A batch ready for the journal: its events' lines one after another, each with its
/// newline, in one string (one allocation for the batch, not one per event), and where each
/// line ends with the digest of its event.
class journal_batch {
public:
    /// Room for `events` lines of about `bytes` in all.
    void reserve(std::size_t events, std::size_t bytes)
    {
        text_.reserve(bytes);
        lines_.reserve(events);
    }

    /// Appends `e`'s line and digest.
    void add(sfmc::sms::ens::event const& e)
    {
        append_journal_line(text_, e);
        // decode_batch has parsed each event: its bytes are JSON, so a digest exists.
        lines_.push_back({text_.size(), event_digest(e.raw).value_or(digest{})});
    }

    /// Appends `e` for a store, which tells new events from those it has (no digest: the
    /// store's dedup is its own), and its line when a journal is written beside the store.
    /// Made storable here, on the thread that read the batch, not on the writer's.
    void add_for_store(sfmc::sms::ens::event const& e, bool with_line)
    {
        if (with_line) {
            append_journal_line(text_, e);
            lines_.push_back({text_.size(), digest{}});
        }
        events_.push_back(sfmc::sms::ens::make_storable(e));
    }

    struct line {
        std::size_t end; ///< one past its newline, in text()
        digest id;
    };
    std::string const& text() const noexcept { return text_; }
    std::vector<line> const& lines() const noexcept { return lines_; }
    std::vector<sfmc::sms::ens::storable_event> const& events() const noexcept { return events_; }
    /// The events, moved out for a store's transaction (`events()` is empty after).
    std::vector<sfmc::sms::ens::storable_event> take_events() noexcept { return std::move(events_); }

private:
    std::string text_;
    std::vector<line> lines_;
    std::vector<sfmc::sms::ens::storable_event> events_; // for a store only
};

/// What became of a batch given to the journal.
struct commit_result {
    bool ok = false;            ///< every new line written (and, to a file, on disk)
    std::size_t written = 0;    ///< lines written
    std::size_t duplicates = 0; ///< events already in the journal (or earlier in the batch)
    std::string error;          ///< why not, when !ok
    bool store_failed = false;  ///< !ok because the store could not be written (a 503: ENS retries)
};

/// What the start-up scan found.
struct journal_scan {
    std::size_t torn_bytes = 0; ///< bytes of a torn last line, removed
    std::size_t lines = 0;      ///< lines read back into the window
    std::size_t unreadable = 0; ///< lines whose event could not be read (not ours, or damaged)
};

/** One writer thread appends the batches handed to `submit`, in the order they come,
    several at a time (one write and one `fdatasync` for all the batches waiting: group
    commit), then calls each batch's completion. A batch's lines are contiguous and whole. A
    digest enters the window only once its line is on disk, so a failed write never makes a
    redelivery look like a duplicate.

    With a store, one writer a store connection: each takes the batches waiting when it is
    free, so one group's round trips and commit overlap the next group's (the store settles
    events that two groups share, as it does for two receivers).
*/
class journal {
public:
    using completion = std::function<void(commit_result)>;

    /// Standard output: no file to sync, no earlier lines to read.
    explicit journal(std::size_t window) : window_(window), fd_(STDOUT_FILENO), is_file_(false) { start(0); }

    /// No journal at all, only `store` (--store without --out): the store tells new events from
    /// those it has, and keeps them; nothing is written to standard output.
    /// A writer for each of `stores` (connections to one store, at least one).
    static std::unique_ptr<journal> store_only(std::vector<sfmc::sms::ens::status_store*> stores, std::chrono::days retention)
    {
        std::unique_ptr<journal> j(new journal(1, -1, &::fdatasync));
        j->is_file_ = false;
        j->stores_ = std::move(stores);
        j->retention_ = retention;
        for (std::size_t w = 0; w < j->stores_.size(); ++w)
            j->start(w);
        return j;
    }

    /// Before `open`'s writer takes any batch: `stores` (connections to one store, a writer
    /// each) decide which events are new (for at least `retention`), and keep them; lines are
    /// written for their new events only, before each of their commits. Retention runs in
    /// small steps when a writer is idle.
    void use_store(std::vector<sfmc::sms::ens::status_store*> stores, std::chrono::days retention)
    {
        std::lock_guard lock(m_);
        stores_ = std::move(stores);
        retention_ = retention;
        for (std::size_t w = 1; w < stores_.size(); ++w) // the first is `open`'s writer
            start(w);
    }

    /// False while the store cannot be written (a writer's last commit or probe failed).
    bool store_healthy() const noexcept { return unhealthy_writers_.load() == 0; }

    /// Opens `path` for appending (creating it), removes a torn last line, and reads the
    /// last `window` lines back into the window. An error says what went wrong (never a secret).
    /// How lines reach the disk: `fdatasync`, or a test's stand-in that fails.
    using sync_function = int (*)(int fd);

    static std::variant<std::unique_ptr<journal>, std::string> open(std::string const& path, std::size_t window,
                                                                    sync_function sync = &::fdatasync)
    {
        auto const opened = open_locked(path, "the journal " + path);
        if (auto const* why = std::get_if<std::string>(&opened))
            return *why;
        int const fd = std::get<int>(opened);
        std::unique_ptr<journal> j(new journal(window, fd, sync));
        if (auto why = j->recover(fd); !why.empty())
            return "cannot read the journal " + path + ": " + why;
        j->start(0);
        return j;
    }

    journal(journal const&) = delete;
    journal& operator=(journal const&) = delete;

    ~journal()
    {
        stop();
        if (is_file_ && fd_ >= 0)
            ::close(fd_);
    }

    /// Queues a batch; `done` is called on the writer thread once it is written or has failed.
    void submit(journal_batch batch, completion done)
    {
        {
            std::lock_guard lock(m_);
            pending_.push_back({std::move(batch), std::move(done)});
        }
        cv_.notify_one();
    }

    /// Writes what is queued, then ends the writers. Idempotent.
    void stop()
    {
        {
            std::lock_guard lock(m_);
            stopping_ = true;
        }
        cv_.notify_all();
        for (auto& w : writers_)
            if (w.joinable())
                w.join();
    }

    journal_scan const& scan() const noexcept { return scan_; }

    /** Opens `path` again, and appends there from the next group on (SIGHUP, after a log
        rotation moved the file away): locked, a torn last line removed, its lines remembered
        with those written before. Empty on success; otherwise why not, and the journal goes
        on with the file it had. Waits for the writer to take it.
    */
    std::string reopen(std::string const& path)
    {
        if (!is_file_)
            return "the journal is standard output";
        std::unique_lock lock(m_);
        reopen_ = path;
        reopened_.reset();
        cv_.notify_all();
        done_cv_.wait(lock, [this] { return reopened_.has_value() || running_ == 0; });
        return reopened_.value_or("the journal has stopped");
    }

    /** Stops at once (a second signal): no group is started from now on, and this waits, at
        most `limit`, for the writes in progress to end, so that the file keeps only whole lines.
        Batches waiting are never answered. True when no write is in progress any more.
    */
    bool halt(std::chrono::milliseconds limit)
    {
        std::unique_lock lock(m_);
        halting_ = true;
        cv_.notify_all();
        return done_cv_.wait_for(lock, limit, [this] { return writing_ == 0; });
    }

private:
    struct queued {
        journal_batch batch;
        completion done;
    };
    // `path` opened for appending (created if need be) and locked: one writer a file, since a
    // second receiver would cut lines the first has just acknowledged when it removes what it
    // takes for a torn tail. The lock goes with the descriptor.
    // Why not, naming the file as `what`.
    static std::variant<int, std::string> open_locked(std::string const& path, std::string const& what)
    {
        int const fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0)
            return "cannot open " + what + ": " + std::strerror(errno);
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            auto const why = errno == EWOULDBLOCK ? std::string("in use by another receiver") : std::strerror(errno);
            ::close(fd);
            return "cannot lock " + what + ": " + why;
        }
        return fd;
    }

    journal(std::size_t window, int fd, sync_function sync) : window_(window), fd_(fd), is_file_(true), sync_(sync) {}

    // Called with m_ held, or before any other thread runs.
    void start(std::size_t writer)
    {
        ++running_;
        writers_.emplace_back([this, writer] { run(writer); });
    }

    // One writer's health, counted in unhealthy_writers_ when it changes.
    class health {
    public:
        explicit health(std::atomic<std::size_t>& unhealthy) : unhealthy_(unhealthy) {}
        void set(bool healthy)
        {
            if (healthy != healthy_)
                healthy ? --unhealthy_ : ++unhealthy_;
            healthy_ = healthy;
        }

    private:
        std::atomic<std::size_t>& unhealthy_;
        bool healthy_ = true;
    };

    // Writer `writer` (the store connection of that index, with a store).
    void run(std::size_t writer)
    {
        std::vector<queued> group;
        std::vector<iovec> pieces; // the new lines, in place in their batches' text
        sfmc::sms::ens::status_store* store = nullptr;
        health healthy(unhealthy_writers_);
        std::chrono::steady_clock::time_point maintained{}; // this writer's last step of retention
        auto const maintain = [&] {
            healthy.set(expire_step(*store));
            maintained = std::chrono::steady_clock::now();
        };
        while (true) {
            {
                std::unique_lock lock(m_);
                auto const woken = [this] { return stopping_ || halting_ || reopen_ || !pending_.empty(); };
                store = writer < stores_.size() ? stores_[writer] : nullptr;
                if (store) {
                    // Idle with a store: retention in small steps, and while the store cannot be
                    // written, a probe each second until it can.
                    if (!cv_.wait_for(lock, std::chrono::seconds(1), woken)) {
                        lock.unlock();
                        maintain();
                        continue;
                    }
                } else {
                    cv_.wait(lock, woken);
                    // `use_store` may have come while this writer waited.
                    store = writer < stores_.size() ? stores_[writer] : nullptr;
                }
                if (reopen_) {
                    auto path = std::move(*reopen_);
                    reopen_.reset();
                    lock.unlock();
                    auto why = switch_to(path);
                    lock.lock();
                    reopened_ = std::move(why);
                    done_cv_.notify_all();
                    continue;
                }
                if (halting_ || pending_.empty()) {
                    --running_;
                    done_cv_.notify_all();
                    return;
                }
                group.swap(pending_);
                ++writing_;
            }
            if (store) {
                write_to_store(*store, group, healthy);
                group.clear();
                // Under steady load a writer is never idle: a step of retention every 10 s.
                if (std::chrono::steady_clock::now() - maintained > std::chrono::seconds(10))
                    maintain();
                std::lock_guard lock(m_);
                --writing_;
                done_cv_.notify_all();
                if (halting_) {
                    --running_;
                    return;
                }
                continue;
            }
            pieces.clear();
            std::size_t events = 0;
            for (auto const& q : group)
                events += q.batch.lines().size();
            dedup_window in_group(events); // allocated once a group, not a node an event
            std::vector<commit_result> results(group.size());
            std::vector<digest> fresh;
            for (std::size_t b = 0; b < group.size(); ++b) {
                auto const& text = group[b].batch.text();
                auto const piece = [&](std::size_t from, std::size_t to) {
                    if (from < to)
                        pieces.push_back({const_cast<char*>(text.data()) + from, to - from});
                };
                std::size_t begin = 0, run = 0; // the run of new lines not yet taken: [run, begin)
                for (auto const& line : group[b].batch.lines()) {
                    if (window_.contains(line.id) || in_group.contains(line.id)) {
                        piece(run, begin);
                        run = line.end;
                        ++results[b].duplicates;
                    } else {
                        in_group.insert(line.id);
                        fresh.push_back(line.id);
                        ++results[b].written;
                    }
                    begin = line.end;
                }
                piece(run, begin);
            }
            auto const error = append(pieces);
            {
                std::lock_guard lock(m_);
                --writing_;
                done_cv_.notify_all();
                if (halting_) {
                    --running_;
                    return; // its batches are never answered: the process ends
                }
            }
            if (error.empty())
                for (auto const& d : fresh)
                    window_.insert(d);
            for (std::size_t b = 0; b < group.size(); ++b) {
                results[b].ok = error.empty();
                results[b].error = error;
                if (!error.empty())
                    results[b].written = 0;
                group[b].done(std::move(results[b]));
            }
            group.clear();
        }
    }

    // A group with a store: its events in one transaction; the lines of those new to the store
    // written (and synced) before it commits. Answered only after the commit returns. False
    // when the store could not be written.
    // `healthy` is set before any batch is answered: a sender told 503 that then asks /healthz
    // must hear 503 too.
    void write_to_store(sfmc::sms::ens::status_store& store, std::vector<queued>& group, health& healthy)
    {
        // The group's events in one vector, moved rather than copied (a batch's, when alone).
        std::vector<std::size_t> counts;
        std::vector<sfmc::sms::ens::storable_event> all;
        for (auto& q : group) {
            counts.push_back(q.batch.events().size());
            if (all.empty()) {
                all = q.batch.take_events();
                continue;
            }
            auto mine = q.batch.take_events();
            all.insert(all.end(), std::make_move_iterator(mine.begin()), std::make_move_iterator(mine.end()));
        }
        auto const now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
        std::string journal_error;
        auto const outcome = store.append(all, now, [&](std::vector<bool> const& fresh) {
            std::vector<iovec> pieces;
            std::size_t at = 0;
            for (auto const& q : group) {
                std::size_t begin = 0;
                for (auto const& line : q.batch.lines()) {
                    if (fresh[at++])
                        pieces.push_back({const_cast<char*>(q.batch.text().data()) + begin, line.end - begin});
                    begin = line.end;
                }
            }
            journal_error = append(pieces);
            return journal_error;
        });
        auto const* fresh = std::get_if<std::vector<bool>>(&outcome);
        bool const store_failed = !fresh && journal_error.empty();
        healthy.set(!store_failed);
        std::size_t at = 0;
        for (std::size_t g = 0; g < group.size(); ++g) {
            auto& q = group[g];
            commit_result r;
            r.ok = fresh != nullptr;
            r.store_failed = store_failed;
            if (!r.ok)
                r.error = store_failed ? "the store: " + std::get<std::string>(outcome) : journal_error;
            for (std::size_t i = 0; i < counts[g]; ++i, ++at)
                if (r.ok)
                    ++((*fresh)[at] ? r.written : r.duplicates);
            q.done(std::move(r));
        }
    }

    // A writer, idle with a store: a step of retention, which is also the probe that tells
    // a store that can be written again. True when it could be.
    bool expire_step(sfmc::sms::ens::status_store& store)
    {
        auto const now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
        return std::holds_alternative<std::size_t>(store.expire(now - retention_, 1000));
    }

    // Writes `pieces` whole (gathered by writev, not copied into one buffer first), then syncs
    // a file. On failure, of the write or of the sync, a file is cut back to where it was: no
    // partial line stays between whole ones, and no line stays that is not remembered (its
    // batch is refused, so its redelivery must find it absent, not written a second time).
    // One writer at a time: cutting back must not remove another's lines.
    std::string append(std::vector<iovec>& pieces)
    {
        if (pieces.empty() || fd_ < 0) // nothing new, or no journal beside a store
            return {};
        std::lock_guard lock(file_m_);
        off_t const before = is_file_ ? ::lseek(fd_, 0, SEEK_END) : 0;
        for (std::size_t first = 0; first < pieces.size();) {
            auto const count = static_cast<int>(std::min<std::size_t>(pieces.size() - first, IOV_MAX));
            auto const n = ::writev(fd_, pieces.data() + first, count);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return cut_back(before, std::string("write failed: ") + std::strerror(errno));
            // Past what was written: whole pieces, then part of the next.
            for (auto left = static_cast<std::size_t>(n); left > 0;) {
                auto& p = pieces[first];
                auto const taken = std::min(left, p.iov_len);
                p.iov_base = static_cast<char*>(p.iov_base) + taken;
                p.iov_len -= taken;
                left -= taken;
                if (p.iov_len == 0)
                    ++first;
            }
        }
        if (is_file_ && sync_(fd_) != 0)
            return cut_back(before, std::string("fdatasync failed: ") + std::strerror(errno));
        return {};
    }

    std::string cut_back(off_t to, std::string why)
    {
        if (is_file_ && ::ftruncate(fd_, to) != 0)
            why += " (and the file could not be cut back)";
        return why;
    }

    // On the writer thread: `path` opened, locked and recovered, then written to instead.
    std::string switch_to(std::string const& path)
    {
        auto const opened = open_locked(path, path);
        if (auto const* why = std::get_if<std::string>(&opened))
            return *why;
        int const fd = std::get<int>(opened);
        auto const before = scan_;
        if (auto why = recover(fd); !why.empty()) {
            scan_ = before;
            ::close(fd);
            return "cannot read " + path + ": " + why;
        }
        std::lock_guard lock(file_m_);
        ::close(fd_); // and with it the old file's lock
        fd_ = fd;
        return {};
    }

    // A torn last line is removed; the window is rebuilt from the last lines (at start-up,
    // and with those already in it when the file is opened again).
    std::string recover(int fd)
    {
        struct stat st {};
        if (::fstat(fd, &st) != 0)
            return std::strerror(errno);
        off_t size = st.st_size;
        constexpr std::size_t chunk = 1 << 20;
        std::string buffer;
        // Backwards, one chunk at a time: where the last whole line ends, and where the
        // last `window` lines begin.
        off_t end_of_lines = -1, start = 0;
        std::size_t newlines = 0;
        for (off_t at = size; at > 0 && start == 0;) {
            auto const n = static_cast<std::size_t>(std::min<off_t>(at, chunk));
            at -= static_cast<off_t>(n);
            buffer.resize(n);
            if (::pread(fd, buffer.data(), n, at) != static_cast<ssize_t>(n))
                return "short read";
            for (std::size_t i = n; i-- > 0;) {
                if (buffer[i] != '\n')
                    continue;
                if (end_of_lines < 0)
                    end_of_lines = at + static_cast<off_t>(i) + 1;
                if (++newlines > window_.capacity()) {
                    start = at + static_cast<off_t>(i) + 1;
                    break;
                }
            }
        }
        if (end_of_lines < 0)
            end_of_lines = 0;
        if (end_of_lines < size) {
            if (::ftruncate(fd, end_of_lines) != 0 || ::fsync(fd) != 0)
                return std::string("cannot remove a torn last line: ") + std::strerror(errno);
            scan_.torn_bytes = static_cast<std::size_t>(size - end_of_lines);
            size = end_of_lines;
        }
        // Forwards from there: each line's event, as it was received, into the window.
        std::string line;
        for (off_t at = start; at < size;) {
            auto const n = static_cast<std::size_t>(std::min<off_t>(size - at, chunk));
            buffer.resize(n);
            if (::pread(fd, buffer.data(), n, at) != static_cast<ssize_t>(n))
                return "short read";
            at += static_cast<off_t>(n);
            std::size_t from = 0;
            for (auto nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n', from)) {
                line.append(buffer, from, nl - from);
                remember(line);
                line.clear();
                from = nl + 1;
            }
            line.append(buffer, from);
        }
        return {};
    }

    // A journal line ends with `"event":` and the event as received: the first `,"event":`
    // outside a string is that one, since every string before it was written escaped.
    void remember(std::string_view line)
    {
        constexpr std::string_view marker = R"(,"event":)";
        auto const at = line.find(marker);
        std::optional<digest> d;
        if (at != std::string_view::npos && line.ends_with('}'))
            d = event_digest(line.substr(at + marker.size(), line.size() - at - marker.size() - 1));
        if (!d) {
            ++scan_.unreadable;
            return;
        }
        window_.insert(*d);
        ++scan_.lines;
    }

    dedup_window window_;
    int fd_;
    bool is_file_;
    sync_function sync_ = &::fdatasync;
    journal_scan scan_;
    std::mutex file_m_; // fd_ and the file's end, for the writer appending
    std::mutex m_;
    std::condition_variable cv_;
    std::vector<queued> pending_;
    bool stopping_ = false;
    bool halting_ = false;                   // a second signal: no more groups
    std::size_t writing_ = 0;                // groups being written
    std::size_t running_ = 0;                // writers not ended
    std::optional<std::string> reopen_;      // a path to switch to, asked by `reopen`
    std::optional<std::string> reopened_;    // its outcome, for `reopen`
    std::condition_variable done_cv_;        // a reopen taken, a write ended, a writer gone
    std::vector<sfmc::sms::ens::status_store*> stores_; // when given: the store's dedup, not the window
    std::chrono::days retention_{30};
    std::atomic<std::size_t> unhealthy_writers_{0};
    std::vector<std::thread> writers_;
};

} // namespace receiver

#endif
