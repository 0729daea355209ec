import { mountApp } from '../../shared/mount';
import { App } from './App';

mountApp(<App />);
