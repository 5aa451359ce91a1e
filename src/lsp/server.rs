//! The language server: capabilities, lifecycle, document sync, and thin request handlers.
//!
//! Handlers convert positions, take a [`Snapshot`] and call into `actions` / `navigation` /
//! `presentation`, which build protocol answers from the analysis.

use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use tracing::{debug, info, warn};

use super::state::{ClientFeatures, Snapshot, State, path_of};
use super::{actions, cancel, folder, navigation, presentation, worker};
use crate::text::{Document, PositionEncoding, position};
use crate::workspace::settings::Settings;

/// The copydesk language server.
pub struct Backend {
    client: Client,
    state: Arc<State>,
}

impl Backend {
    pub fn new(client: Client, state: Arc<State>) -> Self {
        Backend { client, state }
    }

    /// The snapshot for a request, or `None` (answered as "nothing here") with a log line when
    /// the document was never opened.
    fn snapshot(&self, uri: &Uri, method: &str) -> Option<Snapshot> {
        let snapshot = self.state.snapshot(uri);
        if snapshot.is_none() {
            debug!(%method, uri = uri.as_str(), "request about a document that is not open; answering with nothing");
        }
        snapshot
    }

    fn offset(snapshot: &Snapshot, pos: Position) -> usize {
        position::offset_at(snapshot.rope(), pos, snapshot.encoding)
    }
}

/// The capabilities copydesk announces.
pub fn capabilities(encoding: PositionEncoding, features: &ClientFeatures) -> ServerCapabilities {
    ServerCapabilities {
        diagnostic_provider: features.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("copydesk".to_string()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(actions::FIX_ALL_KIND),
            ]),
            ..CodeActionOptions::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions::default()),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: presentation::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: Some(false),
                ..SemanticTokensOptions::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}

fn client_features(caps: &ClientCapabilities) -> ClientFeatures {
    let text = caps.text_document.as_ref();
    ClientFeatures {
        document_changes: caps
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false),
        related_information: text
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false),
        markdown_hover: text
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|f| f.contains(&MarkupKind::Markdown)),
        pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
        diagnostic_refresh: caps
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        work_done_progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        configuration: caps
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false),
        create_files: caps
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
        watched_files: caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
    }
}

/// The folders of the workspace: `workspaceFolders`, else the deprecated `rootUri`.
#[allow(deprecated)]
fn workspace_folders(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    let from_folders: Vec<_> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if !from_folders.is_empty() {
        return from_folders;
    }
    params
        .root_uri
        .as_ref()
        .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
        .into_iter()
        .collect()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = PositionEncoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.state.set_encoding(encoding);
        let features = client_features(&params.capabilities);
        self.state.set_features(features.clone());
        let folders = workspace_folders(&params);
        // The house style applies from the first analysis on: read it before answering.
        for folder in &folders {
            let style = folder.join(crate::workspace::style::FILE_NAME);
            if style.is_file() {
                self.state.workspace.load_style(&style);
            }
        }
        self.state.workspace.set_folders(folders);
        if let Some(options) = params.initialization_options.as_ref() {
            apply_settings(&self.state, options);
        }
        worker::spawn(self.client.clone(), self.state.clone());
        info!(?encoding, "initialized");
        Ok(InitializeResult {
            capabilities: capabilities(encoding, &features),
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        debug!("client initialized");
        if self.state.features().configuration {
            tokio::spawn(fetch_settings(self.client.clone(), self.state.clone()));
        }
        if self.state.features().watched_files {
            let client = self.client.clone();
            tokio::spawn(async move { folder::register_watchers(&client).await });
        }
        let folders = self.state.workspace.folders();
        tokio::spawn(folder::index(
            self.client.clone(),
            self.state.clone(),
            folders,
        ));
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.set_shut_down();
        info!("shutdown requested");
        Ok(())
    }

    // Document sync: the state changes before the first `.await` (there is none here).

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let document = Document::new(&doc.text, doc.version, doc.language_id);
        self.state
            .articles
            .insert(doc.uri.clone(), super::state::OpenArticle::new(document));
        self.state.mark_dirty(doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.state.encoding();
        match self.state.articles.get_mut(&uri) {
            Some(mut article) => {
                article.document.apply_changes(
                    &params.content_changes,
                    params.text_document.version,
                    encoding,
                );
            }
            None => {
                warn!(
                    uri = uri.as_str(),
                    "didChange for a document that is not open; edit skipped"
                );
                return;
            }
        }
        self.state.mark_dirty(uri);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if !self.state.features().watched_files {
            // No file watcher: the save is our cue to re-read the house style.
            folder::reload_style_for(&self.client, &self.state, &params.text_document.uri);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.state.articles.remove(&uri);
        // The worker publishes the empty set, in order with any analysis still running.
        self.state.mark_dirty(uri.clone());
        // The folder's view of this article goes back to what is on disk.
        let (path, is_file) = path_of(&uri);
        if is_file {
            let state = self.state.clone();
            tokio::task::spawn_blocking(move || {
                if let Err(skip) = state.workspace.refresh_from_disk(&path) {
                    debug!(path = %path.display(), %skip, "closed article not re-read from disk");
                }
                state.mark_all_dirty();
            });
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let empty =
            params.settings.is_null() || params.settings.as_object().is_some_and(|o| o.is_empty());
        if empty && self.state.features().configuration {
            // "Something changed; ask me": the client answers workspace/configuration.
            tokio::spawn(fetch_settings(self.client.clone(), self.state.clone()));
            return;
        }
        apply_settings(&self.state, &params.settings);
        self.state.restyle();
        // A pull client must be told to pull again: severities may have changed.
        let f = self.state.features();
        if f.pull_diagnostics && f.diagnostic_refresh {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        tokio::spawn(folder::files_changed(
            self.client.clone(),
            self.state.clone(),
            params.changes,
        ));
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        for removed in &params.event.removed {
            if let Some(path) = removed.uri.to_file_path() {
                self.state.workspace.remove_folder(&path);
            }
        }
        let added: Vec<_> = params
            .event
            .added
            .iter()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        for folder in &added {
            self.state.workspace.add_folder(folder.clone());
        }
        self.state.mark_all_dirty();
        tokio::spawn(folder::index(
            self.client.clone(),
            self.state.clone(),
            added,
        ));
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        Ok(folder::document_diagnostic(&self.state, params))
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        cancel::long_request(&self.state, None, move |state, c| {
            folder::workspace_diagnostic(state, params, c)
        })
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let query = params.query;
        cancel::long_request(&self.state, None, move |state, c| {
            Some(WorkspaceSymbolResponse::Nested(folder::symbols(
                state, &query, c,
            )))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(s) = self.snapshot(&p.text_document.uri, "hover") else {
            return Ok(None);
        };
        let offset = Self::offset(&s, p.position);
        Ok(presentation::hover(&s, offset, &self.state.features()))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(s) = self.snapshot(&p.text_document.uri, "definition") else {
            return Ok(None);
        };
        let offset = Self::offset(&s, p.position);
        Ok(navigation::definition(&s, offset).map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some(s) = self.snapshot(&p.text_document.uri, "references") else {
            return Ok(None);
        };
        let offset = Self::offset(&s, p.position);
        let include = params.context.include_declaration;
        let (uri, version) = (s.uri.clone(), s.version());
        cancel::long_request(&self.state, Some((&uri, version)), move |state, c| {
            navigation::references(&s, offset, include, state, c)
        })
        .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        let Some(s) = self.snapshot(&p.text_document.uri, "documentHighlight") else {
            return Ok(None);
        };
        let offset = Self::offset(&s, p.position);
        Ok(navigation::highlights(&s, offset))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(s) = self.snapshot(&params.text_document.uri, "prepareRename") else {
            return Ok(None);
        };
        let offset = Self::offset(&s, params.position);
        Ok(navigation::prepare_rename(&s, offset))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let Some(s) = self.snapshot(&p.text_document.uri, "rename") else {
            return Ok(None);
        };
        let offset = Self::offset(&s, p.position);
        let (uri, version) = (s.uri.clone(), s.version());
        let new_name = params.new_name;
        cancel::long_request(&self.state, Some((&uri, version)), move |state, c| {
            navigation::rename(&s, offset, &new_name, state, c)
        })
        .await?
        .map(Some)
        .map_err(Error::invalid_params)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(s) = self.snapshot(&params.text_document.uri, "codeAction") else {
            return Ok(None);
        };
        let actions = actions::code_actions(&s, &params, &self.state);
        Ok(Some(actions))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(s) = self.snapshot(&params.text_document.uri, "inlayHint") else {
            return Ok(None);
        };
        Ok(Some(presentation::inlay_hints(&s, params.range)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(s) = self.snapshot(&params.text_document.uri, "documentSymbol") else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(presentation::symbols(
            &s,
        ))))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(s) = self.snapshot(&params.text_document.uri, "semanticTokens") else {
            return Ok(None);
        };
        Ok(Some(SemanticTokensResult::Tokens(
            presentation::semantic_tokens(&s),
        )))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some(s) = self.snapshot(&p.text_document.uri, "completion") else {
            return Ok(None);
        };
        let offset = Self::offset(&s, p.position);
        Ok(presentation::completion(&s, offset).map(CompletionResponse::Array))
    }
}

impl Backend {
    /// `copydesk/crashTest`: panics on purpose when enabled (see `lsp::CRASH_TEST_ENV`).
    pub async fn crash_test(&self) -> Result<()> {
        if std::env::var(super::CRASH_TEST_ENV).is_ok_and(|v| v == "1") {
            panic!("copydesk/crashTest: deliberate panic");
        }
        Err(Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::MethodNotFound,
            message: format!(
                "copydesk/crashTest is disabled; set {}=1 to enable it",
                super::CRASH_TEST_ENV
            )
            .into(),
            data: None,
        })
    }
}

/// Reads editor settings (`initializationOptions`, `didChangeConfiguration`, or the answer
/// to `workspace/configuration`): the `copydesk` section, or the object itself.
fn apply_settings(state: &State, value: &Value) {
    let value = value.get("copydesk").unwrap_or(value);
    match Settings::from_json(value) {
        Ok(settings) => {
            let (style, language) = settings.into_style();
            state.workspace.set_editor_settings(style, language);
        }
        Err(message) => warn!(%message, "ignoring editor settings"),
    }
}

/// Asks the client for the `copydesk` settings section and applies it (never awaited inside a
/// handler: spawned).
async fn fetch_settings(client: Client, state: Arc<State>) {
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some("copydesk".to_string()),
    };
    match client.configuration(vec![item]).await {
        Ok(values) => {
            if let Some(value) = values.first().filter(|v| !v.is_null()) {
                apply_settings(&state, value);
                state.restyle();
                let f = state.features();
                if f.pull_diagnostics && f.diagnostic_refresh {
                    let _ = client.workspace_diagnostic_refresh().await;
                }
            }
        }
        Err(e) => debug!(%e, "the client did not answer workspace/configuration"),
    }
}
