---@brief
---
--- copydesk, a copy editor for news articles (French and English) as a language server:
--- quotes with no speaker (`unattributed-quote`), names spelled two ways (`name-variant`, with
--- quick fixes that make every mention use one spelling), unbalanced quotation marks, and
--- hover / go to definition (the first full-name mention) / references / rename on people's
--- names.
---
--- Install the server (`cargo install --path .` from a clone, or put `target/release/copydesk`
--- on your PATH), then either add this folder to 'runtimepath' or copy this file into
--- `~/.config/nvim/lsp/`, and:
---
--- ```lua
--- vim.opt.runtimepath:append('/path/to/copydesk/editors/nvim') -- or copy lsp/copydesk.lua
--- vim.lsp.enable('copydesk')
--- ```
---
--- Settings (sent as `initializationOptions` and with `workspace/didChangeConfiguration`):
---
--- ```lua
--- vim.lsp.config('copydesk', {
---   settings = {
---     copydesk = {
---       language = 'fr', -- 'fr' | 'en' | 'auto' (default: detected per article)
---       severity = { -- per code: 'error' | 'warning' | 'info' | 'hint' | 'off'
---         ['unattributed-quote'] = 'warning',
---         ['name-variant'] = 'warning',
---         ['unnamed-source'] = 'info', -- off by default
---       },
---     },
---   },
--- })
--- ```
---
--- Requires Neovim 0.11 or later.

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'copydesk.toml', '.git' },
  settings = {
    copydesk = {
      language = 'auto',
    },
  },
  ---@param params lsp.InitializeParams
  ---@param config vim.lsp.ClientConfig
  before_init = function(params, config)
    -- copydesk reads its settings at startup from initializationOptions; send the `copydesk`
    -- section of `settings` unless `init_options` was given explicitly.
    if params.initializationOptions == nil and config.settings and config.settings.copydesk then
      params.initializationOptions = config.settings.copydesk
    end
  end,
}
