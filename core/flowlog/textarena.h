#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace pl::flowlog {

// Text that records of a batch point to but that is not in their line as it
// is: unescaped JSON strings (the JSON parser's own buffer is reused by the
// next line; the DOM build returns every string there) and CSV fields with
// doubled quotes. Copied into blocks that never move, so views stay valid
// until clear(); one allocation per 64 KiB, not one per string.
class TextArena
{
public:
    std::string_view keep(std::string_view text)
    {
        if (m_reused == 0 || text.size() > m_blocks[m_reused - 1].size - m_used) {
            if (m_reused < m_blocks.size() && text.size() <= m_blocks[m_reused].size) {
                ++m_reused; // a block of an earlier batch, cleared
            } else {
                const std::size_t size = std::max(kBlock, text.size());
                m_blocks.insert(m_blocks.begin() + std::ptrdiff_t(m_reused),
                                Block{std::make_unique<char[]>(size), size});
                ++m_reused;
            }
            m_used = 0;
        }
        char *at = m_blocks[m_reused - 1].data.get() + m_used;
        if (!text.empty())
            std::memcpy(at, text.data(), text.size());
        m_used += text.size();
        return {at, text.size()};
    }
    // Forgets the text; keeps the blocks of the usual size for the next
    // batch (a few: a batch holds at most 1 MiB of lines) and frees the
    // larger ones (one long value must not hold its memory for good).
    void clear()
    {
        m_blocks.erase(std::remove_if(m_blocks.begin(), m_blocks.end(),
                                      [](const Block &b) { return b.size > kBlock; }),
                       m_blocks.end());
        m_reused = 0;
        m_used = 0;
    }

private:
    static constexpr std::size_t kBlock = 64 * 1024;
    struct Block
    {
        std::unique_ptr<char[]> data;
        std::size_t size = 0;
    };
    std::vector<Block> m_blocks;
    std::size_t m_reused = 0; // blocks in use: [0, m_reused)
    std::size_t m_used = 0;   // bytes used in the last block in use
};

} // namespace pl::flowlog
