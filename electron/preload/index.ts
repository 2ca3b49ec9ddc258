import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildPreloadApi } from './api';

contextBridge.exposeInMainWorld('virtdeck', buildPreloadApi<IpcRendererEvent>(ipcRenderer));
