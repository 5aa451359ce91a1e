-- copydesk end-to-end tests in a real Neovim (run by run.sh, once per position encoding).
--
-- Each test opens a fresh copy of a fixture from tests/e2e/nvim/fixtures in a scratch
-- workspace, drives Neovim's own LSP client the way a user's keymaps would (vim.lsp.buf.*),
-- and checks what ends up in the buffer, the cursor, the diagnostics or the hover.

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local t = dofile(here .. '/lib.lua')

local ARTICLE = 'wagner-retrait.fr.txt'
local UNBALANCED = 'conseil-pietons.fr.txt'

-- Where things are in the article (0-based lines, as in vim.diagnostic).
local LINE = {
  prigojine_full = 2, -- "…, Evgueni Prigojine, a annoncé…"
  unattributed = 12, -- "« Il n’y aura aucun retour en arrière. »"
  prigozhin = 14, -- "D’après …, Prigozhin pourrait…"
  choigou_full = 6, -- "Dès vendredi soir, Sergueï Choïgou, …"
  choigou_depart = 8, -- "… le départ de Choïgou, …"
}

t.test('client: copydesk attaches with the negotiated position encoding and root', function()
  local bufnr, client = t.open(ARTICLE, 'encoding.txt')
  t.eq('text', vim.bo[bufnr].filetype, 'filetype')
  t.eq('copydesk', client.name, 'client name')
  t.eq('copydesk', client.server_info and client.server_info.name, 'serverInfo.name')
  t.eq(t.expected_encoding, client.offset_encoding, 'negotiated position encoding')
  t.eq(
    vim.fs.normalize(vim.uv.fs_realpath(t.workspace)),
    vim.fs.normalize(vim.uv.fs_realpath(client.config.root_dir or '') or ''),
    'root_dir (root marker copydesk.toml)'
  )
end)

t.test('unbalanced-quote: an opening « never closed is reported on its line', function()
  local bufnr = t.open(UNBALANCED, 'unbalanced.txt')
  local ds = t.expect_diagnostics(bufnr, 'unbalanced-quote')
  t.eq(1, #ds, 'number of unbalanced-quote diagnostics')
  local line, col = t.find(bufnr, '« Nous irons')
  t.eq({ line, col }, { ds[1].lnum, ds[1].col }, 'unbalanced-quote starts at the « (line, byte col)')
end)

t.test('diagnostics: unattributed quote and name variant on the right lines', function()
  local bufnr = t.open(ARTICLE, 'diagnostics.txt')
  local quotes = t.expect_diagnostics(bufnr, 'unattributed-quote')
  t.eq({ LINE.unattributed }, vim.tbl_map(function(d)
    return d.lnum
  end, quotes), 'lines of unattributed-quote (the attributed quote must not be flagged)')
  t.contains(t.covered(bufnr, quotes[1]), 'Il n’y aura aucun retour en arrière', 'unattributed-quote range')
  t.eq(vim.diagnostic.severity.WARN, quotes[1].severity, 'unattributed-quote severity')

  local variants = t.expect_diagnostics(bufnr, 'name-variant')
  local on_prigozhin
  for _, d in ipairs(variants) do
    local covered = t.covered(bufnr, d)
    if not (covered:find('Prigojine', 1, true) or covered:find('Prigozhin', 1, true)) then
      error(('name-variant on something else: line %d %q'):format(d.lnum + 1, covered), 0)
    end
    if d.lnum == LINE.prigozhin then
      on_prigozhin = d
    end
  end
  assert(on_prigozhin, ('no name-variant on line %d (Prigozhin); got lines %s'):format(
    LINE.prigozhin + 1,
    vim.inspect(vim.tbl_map(function(d)
      return d.lnum + 1
    end, variants))
  ))
  t.eq('Prigozhin', t.covered(bufnr, on_prigozhin), 'text under the name-variant diagnostic')
  t.contains(on_prigozhin.message, 'Prigojine', 'name-variant message')
end)

t.test('quick fix: the preferred name-variant fix through vim.lsp.buf.code_action', function()
  local bufnr = t.open(ARTICLE, 'quickfix.txt')
  t.expect_diagnostics(bufnr, 'name-variant')
  t.cursor_on(bufnr, 'Prigozhin')
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.code_action({
    context = { only = { 'quickfix' } },
    filter = function(action)
      return action.isPreferred == true
    end,
    apply = true,
  })
  t.wait_changed(bufnr, tick, 'the quick fix to edit the buffer')
  local expected = t.replace_all(t.fixture(ARTICLE), 'Prigozhin', 'Prigojine')
  t.eq_text(expected, t.text(bufnr), 'buffer after the quick fix')
  -- The server re-analyses the edited text: the variant is gone.
  t.wait_published(bufnr)
  t.eq(0, #t.diagnostics(bufnr, 'name-variant'), 'name-variant diagnostics after the fix')
end)

t.test('definition: from a surname to the first full-name mention', function()
  local bufnr = t.open(ARTICLE, 'definition.txt')
  local function jump(needle, nth)
    local line = t.cursor_on(bufnr, needle, nth, 1)
    local before = vim.api.nvim_win_get_cursor(0)
    vim.lsp.buf.definition()
    t.wait_or_notified('the cursor to move from line ' .. (line + 1), function()
      return not vim.deep_equal(before, vim.api.nvim_win_get_cursor(0))
    end)
    local pos = vim.api.nvim_win_get_cursor(0)
    return { pos[1] - 1, pos[2] }
  end

  -- "le départ de Choïgou" (3rd occurrence) → "Sergueï Choïgou" (cursor on the S).
  local got = jump('Choïgou', 3)
  local line, col = t.find(bufnr, 'Sergueï Choïgou')
  t.eq({ line, col }, got, 'cursor after definition from “Choïgou” (line, byte col)')
  t.eq(LINE.choigou_full, line, 'line of the first full mention')

  -- A variant spelling leads to the canonical full mention too.
  got = jump('Prigozhin')
  line, col = t.find(bufnr, 'Evgueni Prigojine')
  t.eq({ line, col }, got, 'cursor after definition from “Prigozhin” (line, byte col)')
  t.eq(LINE.prigojine_full, line, 'line of Prigojine’s first full mention')
end)

t.test('hover: a person’s card with the canonical name and other spellings', function()
  local bufnr = t.open(ARTICLE, 'hover.txt')
  t.cursor_on(bufnr, 'Prigozhin')
  local text = t.hover_text(bufnr)
  t.contains(text, 'Evgueni Prigojine', 'hover on “Prigozhin”')
  t.contains(text, 'Also spelled', 'hover on “Prigozhin”')
  t.contains(text, 'Prigozhin', 'hover on “Prigozhin”')

  t.cursor_on(bufnr, 'Choïgou', 3, 1) -- “le départ de Choïgou”
  text = t.hover_text(bufnr)
  t.contains(text, 'Sergueï Choïgou', 'hover on “Choïgou”')
  if text:find('Also spelled', 1, true) then
    error('hover on “Choïgou” lists other spellings but there are none: ' .. text, 0)
  end

  -- What the user gets from K: a floating window with that card.
  vim.lsp.buf.hover()
  t.wait_or_notified('the hover window', function()
    return #t.floats() > 0
  end)
  local shown = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(t.floats()[1]), 0, -1, false), '\n')
  t.contains(shown, 'Sergueï Choïgou', 'hover window')
end)

t.test('references: every mention of a person', function()
  local bufnr = t.open(ARTICLE, 'references.txt')
  t.cursor_on(bufnr, 'Choïgou', 3, 1) -- “le départ de Choïgou”
  vim.fn.setqflist({}, 'r')
  vim.lsp.buf.references()
  t.wait_or_notified('the quickfix list of references', function()
    return #vim.fn.getqflist() > 0
  end)
  -- copydesk also lists the same person in the other articles of the workspace (the earlier
  -- tests' copies of the fixture): only this article's mentions are checked here.
  local here, elsewhere = {}, 0
  for _, item in ipairs(vim.fn.getqflist()) do
    if item.bufnr == bufnr then
      table.insert(here, { item.lnum - 1, item.col - 1 })
    else
      elsewhere = elsewhere + 1
    end
  end
  local l1, c1 = t.find(bufnr, 'Sergueï Choïgou')
  local l2, c2 = t.find(bufnr, 'Choïgou', 2)
  local l3, c3 = t.find(bufnr, 'Choïgou', 3)
  t.eq({ { l1, c1 }, { l2, c2 }, { l3, c3 } }, here, 'references in this article (line, byte col)')
  if elsewhere % 3 ~= 0 then
    error(('%d references in other articles: expected 3 per copy of the fixture'):format(elsewhere), 0)
  end
  vim.cmd('cclose')
end)

t.test('rename: vim.lsp.buf.rename on a surname renames every mention', function()
  local bufnr = t.open(ARTICLE, 'rename.txt')
  t.cursor_on(bufnr, 'Choïgou', 3, 1) -- “le départ de Choïgou”
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.rename('Choïgu')
  t.wait_changed(bufnr, tick, 'the rename to edit the buffer')
  local expected = t.replace_all(t.fixture(ARTICLE), 'Choïgou', 'Choïgu')
  t.eq_text(expected, t.text(bufnr), 'buffer after renaming Choïgou to Choïgu')
end)

t.finish()
