-- Loaded (--cmd luafile) by tour.sh in a real, interactive Neovim running inside tmux, configured
-- only through editors/nvim: enables copydesk and writes $COPYDESK_TOUR_READY once copydesk's
-- diagnostics for the article have arrived, so that tour.sh knows when to press keys.
vim.lsp.enable('copydesk')
local ready = assert(os.getenv('COPYDESK_TOUR_READY'))
vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function(ev)
    for _, d in ipairs(vim.diagnostic.get(ev.buf)) do
      if d.source == 'copydesk' then
        local f = io.open(ready, 'w')
        if f then
          f:write('ready\n')
          f:close()
        end
        return
      end
    end
  end,
})

-- Display settings a writer would use, so that the capture reads well: wrap at word
-- boundaries, and floating windows with a border.
vim.o.linebreak = true
vim.o.winborder = 'rounded'
