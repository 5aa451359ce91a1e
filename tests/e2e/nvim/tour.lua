-- The README tour: what a user sees in Neovim for each copydesk feature, captured from a real
-- headless Neovim configured only through editors/nvim. Run by tour.sh, which writes the
-- result to docs/tour-nvim.txt (COPYDESK_TOUR_OUT).
--
-- Each section shows the keys a user presses (Neovim 0.11's default LSP keymaps) and the text
-- Neovim then displays: the location list window, floating windows, the code action menu, the
-- buffer lines after an edit.

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local t = dofile(here .. '/lib.lua')
local out_path = assert(os.getenv('COPYDESK_TOUR_OUT'), 'COPYDESK_TOUR_OUT is not set')

local ARTICLE = 'wagner-retrait.fr.txt'
local lines = {}
local function say(s)
  for line in (s .. '\n'):gmatch('(.-)\n') do
    table.insert(lines, (line:gsub('%s+$', '')))
  end
end
local function section(title)
  say('')
  say(title)
  say(('─'):rep(vim.fn.strdisplaywidth(title)))
end
local function indent(text_lines, prefix)
  for _, l in ipairs(text_lines) do
    say((prefix or '    ') .. l)
  end
end
--- The buffer lines of a window, trimmed.
local function window_lines(win)
  return vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
end
--- A markdown float as displayed: Neovim conceals the emphasis markers.
local function concealed(text_lines)
  return vim.tbl_map(function(l)
    return (l:gsub('%*%*', ''):gsub('%*([^*]+)%*', '%1'))
  end, text_lines)
end
local function boxed(text_lines)
  local width = 0
  for _, l in ipairs(text_lines) do
    width = math.max(width, vim.fn.strdisplaywidth(l))
  end
  say('    ╭' .. ('─'):rep(width + 2) .. '╮')
  for _, l in ipairs(text_lines) do
    say('    │ ' .. l .. (' '):rep(width - vim.fn.strdisplaywidth(l)) .. ' │')
  end
  say('    ╰' .. ('─'):rep(width + 2) .. '╯')
end
local function wait_float(what)
  t.wait_or_notified(what, function()
    return #t.floats() > 0
  end)
  return t.floats()[1]
end
local function cursor_text(bufnr)
  local pos = vim.api.nvim_win_get_cursor(0)
  local line = vim.api.nvim_buf_get_lines(bufnr, pos[1] - 1, pos[1], false)[1]
  return pos[1], vim.fn.strcharlen(line:sub(1, pos[2])) + 1, line:sub(pos[2] + 1)
end

--- The location list window that vim.diagnostic.setloclist() opens, as displayed.
local function show_loclist()
  vim.diagnostic.setloclist({ open = true })
  local info = vim.fn.getloclist(0, { winid = 0, size = 0 })
  if info.size == 0 then
    say('    (no diagnostics)')
  else
    indent(window_lines(info.winid))
  end
  vim.cmd('lclose')
end

local ok, err = pcall(function()
  local bufnr, client = t.open(ARTICLE, ARTICLE)
  local name = ARTICLE

  local v = vim.version()
  say(('copydesk in Neovim %d.%d.%d: what the user sees'):format(v.major, v.minor, v.patch))
  say(('Captured by tests/e2e/nvim/tour.sh from a headless Neovim configured only through'))
  say(("editors/nvim (vim.lsp.enable('copydesk')); position encoding negotiated: %s."):format(
    client.offset_encoding
  ))
  say(('Article: tests/e2e/nvim/fixtures/%s'):format(ARTICLE))
  say('')
  for i, l in ipairs(t.lines(bufnr)) do
    say(('  %2d  %s'):format(i, l))
  end

  -- 1. Diagnostics ------------------------------------------------------------------------------
  section('1. Diagnostics — :lua vim.diagnostic.setloclist()  (the location list window)')
  show_loclist()

  section('   <C-w>d on the quote with no speaker (line 13)  (the diagnostic float)')
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  t.cursor_on(bufnr, '« Il n’y aura', 1, 0)
  vim.diagnostic.open_float()
  boxed(window_lines(wait_float('the diagnostic float')))
  t.close_floats()

  section('   <C-w>d on “Prigozhin”')
  t.cursor_on(bufnr, 'Prigozhin')
  vim.diagnostic.open_float()
  boxed(window_lines(wait_float('the diagnostic float')))
  t.close_floats()

  -- 2. Hover ------------------------------------------------------------------------------------
  for _, target in ipairs({ { 'Prigozhin', 1 }, { 'Choïgou', 3 } }) do
    t.cursor_on(bufnr, target[1], target[2])
    local l = cursor_text(bufnr)
    section(('2. Hover — K on “%s” (line %d)'):format(target[1], l))
    vim.lsp.buf.hover()
    boxed(concealed(window_lines(wait_float('the hover window'))))
    t.close_floats()
  end

  -- 3. Code actions -----------------------------------------------------------------------------
  t.cursor_on(bufnr, 'Prigozhin')
  local prig_line = cursor_text(bufnr)
  section(('3. Code actions — gra on “Prigozhin” (line %d)  (the menu)'):format(prig_line))
  local offered, chosen
  vim.ui.select = function(items, opts, on_choice)
    offered = items
    say('    ' .. opts.prompt)
    for i, item in ipairs(items) do
      say(('    %d: %s'):format(i, opts.format_item(item)))
    end
    local choice
    for i, item in ipairs(items) do
      if item.action.isPreferred then
        choice = item
        chosen = i
        break
      end
    end
    on_choice(choice)
  end
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.code_action()
  t.wait_or_notified('the code action menu', function()
    return offered ~= nil
  end)
  t.wait_changed(bufnr, tick, 'the preferred fix to apply')
  say('')
  say(('    choosing %s (the preferred fix), line %d becomes:'):format(tostring(chosen), prig_line))
  say('    ' .. t.lines(bufnr)[prig_line])
  t.wait_published(bufnr)
  say('')
  say('    remaining diagnostics (:lua vim.diagnostic.setloclist()):')
  show_loclist()
  vim.cmd('silent! undo')
  t.wait_published(bufnr)

  -- 4. Definition -------------------------------------------------------------------------------
  t.cursor_on(bufnr, 'Choïgou', 3)
  local from_line, from_col = cursor_text(bufnr)
  section(('4. Go to definition — gd (vim.lsp.buf.definition) on “Choïgou” (line %d)'):format(from_line))
  local before = vim.api.nvim_win_get_cursor(0)
  vim.lsp.buf.definition()
  t.wait_or_notified('the jump', function()
    return not vim.deep_equal(before, vim.api.nvim_win_get_cursor(0))
  end)
  local to_line, to_col, rest = cursor_text(bufnr)
  say(('    cursor: line %d, column %d  →  line %d, column %d'):format(from_line, from_col, to_line, to_col))
  say('    ' .. t.lines(bufnr)[to_line])
  say('    ' .. (' '):rep(to_col - 1) .. '^ ' .. ((rest:match('^(%S+ %S+)') or rest):gsub(',$', '')))

  -- 5. References -------------------------------------------------------------------------------
  t.cursor_on(bufnr, 'Choïgou', 3)
  section(('5. References — grr on “Choïgou” (line %d)  (the quickfix window)'):format(from_line))
  vim.fn.setqflist({}, 'r')
  vim.lsp.buf.references()
  t.wait_or_notified('the references', function()
    return #vim.fn.getqflist() > 0
  end)
  vim.cmd('copen')
  indent(window_lines(vim.api.nvim_get_current_win()))
  vim.cmd('cclose')

  -- 6. Rename -----------------------------------------------------------------------------------
  vim.api.nvim_set_current_buf(bufnr)
  t.cursor_on(bufnr, 'Choïgou', 3)
  section(('6. Rename — grn on “Choïgou” (line %d), new name: Choïgu'):format(from_line))
  local old = t.lines(bufnr)
  tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.rename('Choïgu')
  t.wait_changed(bufnr, tick, 'the rename')
  local new = t.lines(bufnr)
  for i = 1, #new do
    if new[i] ~= old[i] then
      say(('    - %2d  %s'):format(i, old[i]))
      say(('    + %2d  %s'):format(i, new[i]))
    end
  end
end)

if not ok then
  io.stderr:write('tour failed: ' .. tostring(err) .. '\n')
  say('')
  say('TOUR INCOMPLETE: ' .. tostring(err))
end
local f = assert(io.open(out_path, 'wb'))
f:write(table.concat(lines, '\n') .. '\n')
f:close()
for _, c in ipairs(vim.lsp.get_clients()) do
  c:stop(true)
end
vim.cmd(ok and 'qall!' or 'cquit 1')
