import './base.css';
import './sidebar.css';
import './jobList.css';
import './logs.css';
import './charts.css';
import './compare.css';
import './code.css';
import './endpoints.css';
