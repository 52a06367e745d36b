// Without libFuzzer, a fuzz target is a replay program: it runs the target once on every
// file named on the command line (folders are walked), so the normal tests replay the
// corpus and the crashes once found. Prints "N inputs replayed".
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);

int main(int argc, char** argv)
{
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        std::filesystem::path const p(argv[i]);
        if (std::filesystem::is_directory(p)) {
            for (auto const& entry : std::filesystem::recursive_directory_iterator(p))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
        } else if (std::filesystem::exists(p)) {
            files.push_back(p);
        } else {
            std::fprintf(stderr, "no such file: %s\n", argv[i]);
            return 2;
        }
    }
    for (auto const& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string const bytes((std::istreambuf_iterator<char>(in)), {});
        LLVMFuzzerTestOneInput(reinterpret_cast<std::uint8_t const*>(bytes.data()), bytes.size());
    }
    std::printf("%zu inputs replayed\n", files.size());
    return files.empty() ? 1 : 0;
}
