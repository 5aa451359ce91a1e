-- Helpers for copydesk's Neovim end-to-end scripts (tests.lua, tour.lua).
--
-- Loaded by a script that runs inside `nvim --headless --clean` with editors/nvim on
-- 'runtimepath'. It enables the copydesk config exactly as a user would
-- (`vim.lsp.enable('copydesk')`), optionally restricting the client to utf-16 positions, and
-- gives the scripts: opening a fresh copy of a fixture, bounded waits, text lookups and a tiny
-- PASS/FAIL test runner.
--
-- Environment (set by run.sh / tour.sh):
--   COPYDESK_E2E_ENCODING   'default' (Neovim's own position encodings) or 'utf-16'
--   COPYDESK_E2E_WORKSPACE  a scratch folder (with a copydesk.toml) where fixtures are copied
--   COPYDESK_E2E_FIXTURES   tests/e2e/nvim/fixtures
--   COPYDESK_E2E_TIMEOUT_MS bound for every wait (default 20000)

local M = {}

M.mode = os.getenv('COPYDESK_E2E_ENCODING') or 'default'
M.workspace = assert(os.getenv('COPYDESK_E2E_WORKSPACE'), 'COPYDESK_E2E_WORKSPACE is not set')
M.fixtures = assert(os.getenv('COPYDESK_E2E_FIXTURES'), 'COPYDESK_E2E_FIXTURES is not set')
M.timeout = tonumber(os.getenv('COPYDESK_E2E_TIMEOUT_MS') or '') or 20000

--- Writes a line to stdout (print() goes to the message area, which headless Neovim sends to
--- stderr mixed with everything else).
function M.out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

-- Notifications (e.g. "No code actions available", rename errors) are kept to explain failures.
M.notifications = {}
vim.notify = function(msg, level)
  table.insert(M.notifications, tostring(msg))
  io.stderr:write(('[notify %s] %s\n'):format(tostring(level), tostring(msg)))
end

-- A menu (several code actions left after the filter) would wait for a user: the tests never
-- expect one, so it is refused with a notification that lists the choices.
M.selections = {}
vim.ui.select = function(items, opts, on_choice)
  local titles = {}
  for _, item in ipairs(items) do
    table.insert(titles, opts.format_item and opts.format_item(item) or tostring(item))
  end
  table.insert(M.selections, { prompt = opts.prompt, titles = titles })
  vim.notify(('menu %q offered %d choices, none taken: %s'):format(
    tostring(opts.prompt), #titles, table.concat(titles, ' / ')
  ))
  on_choice(nil)
end

-- Diagnostics received, per URI: how many times, and for which document version. copydesk
-- pushes them (textDocument/publishDiagnostics, with the version) to clients that cannot pull,
-- and answers textDocument/diagnostic pulls from clients that can, such as Neovim 0.11 (the
-- version is then the one the pull was sent for).
M.published = {}
local function record(uri, version, how)
  local seen = M.published[uri] or { count = 0 }
  seen.count = seen.count + 1
  seen.version = version
  seen.how = how
  M.published[uri] = seen
end
local publish = 'textDocument/publishDiagnostics'
local default_publish = vim.lsp.handlers[publish]
vim.lsp.handlers[publish] = function(err, result, ctx, config)
  if result and result.uri then
    record(result.uri, result.version, 'push')
  end
  return default_publish(err, result, ctx, config)
end
local pull = 'textDocument/diagnostic'
local default_pull = vim.lsp.handlers[pull]
vim.lsp.handlers[pull] = function(err, result, ctx, config)
  local ret = default_pull(err, result, ctx, config)
  if err == nil and result and ctx.params and ctx.params.textDocument then
    record(ctx.params.textDocument.uri, ctx.version, 'pull')
  end
  return ret
end

-- The configuration under test: editors/nvim/lsp/copydesk.lua, found on 'runtimepath'.
assert(
  #vim.api.nvim_get_runtime_file('lsp/copydesk.lua', true) >= 1,
  "lsp/copydesk.lua is not on 'runtimepath' (add editors/nvim)"
)
if M.mode == 'utf-16' then
  vim.lsp.config('copydesk', {
    capabilities = { general = { positionEncodings = { 'utf-16' } } },
  })
  M.expected_encoding = 'utf-16'
elseif M.mode == 'default' then
  -- Neovim 0.11 offers utf-8, utf-16 and utf-32; copydesk prefers utf-8.
  M.expected_encoding = 'utf-8'
else
  error('COPYDESK_E2E_ENCODING must be default or utf-16, not ' .. M.mode)
end
vim.lsp.enable('copydesk')

--- Waits (bounded) until `cond()` is truthy; raises `what` on timeout.
function M.wait(what, cond, timeout)
  local ok = vim.wait(timeout or M.timeout, function()
    local good, value = pcall(cond)
    return good and value
  end, 20)
  if not ok then
    error(('timed out after %d ms waiting for %s'):format(timeout or M.timeout, what), 0)
  end
end

function M.read(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

--- The fixture's text.
function M.fixture(name)
  return M.read(M.fixtures .. '/' .. name)
end

--- The copydesk client of `bufnr`, if attached.
function M.client(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })[1]
end

--- Copies fixture `name` into the workspace as `as`, opens it in the current window, waits for
--- copydesk to attach and to publish diagnostics for the buffer's current version.
--- Returns bufnr, client.
function M.open(name, as)
  local path = M.workspace .. '/' .. as
  local f = assert(io.open(path, 'wb'))
  f:write(M.fixture(name))
  f:close()
  vim.cmd.edit(vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  M.wait('copydesk to attach to ' .. as, function()
    local c = M.client(bufnr)
    return c and c.initialized
  end)
  M.wait_published(bufnr)
  return bufnr, M.client(bufnr)
end

--- Waits for diagnostics (pushed or pulled) for the buffer's current version (or, from a
--- server that pushes no version, for any publication after this call).
function M.wait_published(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  local before = (M.published[uri] or { count = 0 }).count
  M.wait('diagnostics for ' .. vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t'), function()
    local seen = M.published[uri]
    if not seen then
      return false
    end
    if seen.version ~= nil then
      return seen.version == vim.lsp.util.buf_versions[bufnr]
    end
    return seen.count > before
  end)
end

--- copydesk's diagnostics in `bufnr` (vim.diagnostic items: 0-based lnum, byte col).
function M.diagnostics(bufnr, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'copydesk' and (code == nil or d.code == code) then
      table.insert(out, d)
    end
  end
  table.sort(out, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return out
end

--- The text a diagnostic covers.
function M.covered(bufnr, d)
  return table.concat(
    vim.api.nvim_buf_get_text(bufnr, d.lnum, d.col, d.end_lnum or d.lnum, d.end_col or d.col, {}),
    '\n'
  )
end

function M.lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

--- The buffer's text, with the file's final newline.
function M.text(bufnr)
  return table.concat(M.lines(bufnr), '\n') .. '\n'
end

--- The `nth` (default 1st) occurrence of plain text `needle` in the buffer, as a 0-based line
--- and a 0-based byte column.
function M.find(bufnr, needle, nth)
  nth = nth or 1
  local count = 0
  for i, line in ipairs(M.lines(bufnr)) do
    local from = 1
    while true do
      local s = line:find(needle, from, true)
      if not s then
        break
      end
      count = count + 1
      if count == nth then
        return i - 1, s - 1
      end
      from = s + 1
    end
  end
  error(('%q (occurrence %d) is not in the buffer'):format(needle, nth), 0)
end

--- Puts the cursor on the `nth` occurrence of `needle`, `offset` bytes in (default 1).
function M.cursor_on(bufnr, needle, nth, offset)
  local line, col = M.find(bufnr, needle, nth)
  vim.api.nvim_win_set_cursor(0, { line + 1, col + (offset or 1) })
  return line, col
end

--- Replaces every plain occurrence of `from` by `to`.
function M.replace_all(s, from, to)
  return (s:gsub(vim.pesc(from), (to:gsub('%%', '%%%%'))))
end

--- The hover text copydesk answers at the cursor (a markup string).
function M.hover_text(bufnr)
  local client = M.client(bufnr)
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local results = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, M.timeout)
  assert(results, 'textDocument/hover: no answer in time')
  local answer = results[client.id]
  assert(answer, 'textDocument/hover: no answer from copydesk')
  assert(not answer.err, 'textDocument/hover failed: ' .. vim.inspect(answer.err))
  local result = answer.result
  if not result then
    return nil
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  elseif contents.value then
    return contents.value
  end
  local parts = {}
  for _, c in ipairs(contents) do
    table.insert(parts, type(c) == 'string' and c or c.value)
  end
  return table.concat(parts, '\n')
end

--- Floating windows currently open.
function M.floats()
  local out = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      table.insert(out, win)
    end
  end
  return out
end

function M.close_floats()
  for _, win in ipairs(M.floats()) do
    pcall(vim.api.nvim_win_close, win, true)
  end
end

--- Waits for the buffer to change (after an asynchronous edit). Stops early when Neovim
--- notifies something instead (e.g. "Nothing to rename", "No code actions available").
function M.wait_changed(bufnr, tick, what)
  M.wait_or_notified(what, function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
  end)
end

--- Waits until `cond()`, or fails at once with the message of a new notification.
function M.wait_or_notified(what, cond)
  local before = #M.notifications
  M.wait(what, function()
    return cond() or #M.notifications > before
  end)
  if not cond() then
    error(('while waiting for %s, Neovim said: %s'):format(
      what,
      table.concat(vim.list_slice(M.notifications, before + 1), ' | ')
    ), 0)
  end
end

--- copydesk's diagnostics in `bufnr`, one `line:col code: message` per item (for failures).
function M.describe(bufnr)
  local out = {}
  for _, d in ipairs(M.diagnostics(bufnr)) do
    table.insert(out, ('%d:%d %s: %s'):format(d.lnum + 1, d.col, tostring(d.code), d.message))
  end
  return #out == 0 and '(no diagnostics)' or table.concat(out, '; ')
end

--- The copydesk diagnostics with `code`; fails (listing what there is) when there are none.
--- Call after M.open / M.wait_published: the diagnostics are those of the current text.
function M.expect_diagnostics(bufnr, code)
  local ds = M.diagnostics(bufnr, code)
  if #ds == 0 then
    error(('no %s diagnostic; copydesk reported: %s'):format(code, M.describe(bufnr)), 0)
  end
  return ds
end

-- The test runner -------------------------------------------------------------------------------

M.passed, M.failed = 0, 0

--- Runs one test: `fn` raises (error/assert) to fail. Prints `PASS [mode] name` or
--- `FAIL [mode] name: why`.
function M.test(name, fn)
  M.notifications = {}
  local ok, err = xpcall(fn, function(e)
    if type(e) ~= 'string' then
      e = vim.inspect(e)
    end
    return e
  end)
  pcall(M.close_floats)
  if ok then
    M.passed = M.passed + 1
    M.out(('PASS [%s] %s'):format(M.mode, name))
  else
    M.failed = M.failed + 1
    M.out(('FAIL [%s] %s: %s'):format(M.mode, name, err))
    if #M.notifications > 0 and not err:find('Neovim said', 1, true) then
      M.out('     notifications: ' .. table.concat(M.notifications, ' | '))
    end
  end
end

--- Fails with a message that shows what was expected and what was got.
function M.eq(expected, got, what)
  if not vim.deep_equal(expected, got) then
    error(
      ('%s: expected %s, got %s'):format(what or 'value', vim.inspect(expected), vim.inspect(got)),
      0
    )
  end
end

--- Compares two texts; on a difference, shows the first line that differs.
function M.eq_text(expected, got, what)
  if expected == got then
    return
  end
  local e, g = vim.split(expected, '\n', { plain = true }), vim.split(got, '\n', { plain = true })
  for i = 1, math.max(#e, #g) do
    if e[i] ~= g[i] then
      error(('%s: line %d differs:\n       expected: %s\n       got:      %s'):format(
        what, i, vim.inspect(e[i]), vim.inspect(g[i])
      ), 0)
    end
  end
end

function M.contains(haystack, needle, what)
  if type(haystack) ~= 'string' or not haystack:find(needle, 1, true) then
    error(('%s: expected to contain %q, got %s'):format(what, needle, vim.inspect(haystack)), 0)
  end
end

--- Prints the summary line and leaves Neovim with the number of failures as exit code.
function M.finish()
  M.out(('[%s] %d passed, %d failed'):format(M.mode, M.passed, M.failed))
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop(true)
  end
  vim.cmd((M.failed == 0) and 'qall!' or ('cquit ' .. math.min(M.failed, 100)))
end

return M
